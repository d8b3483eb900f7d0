//! Output of `newsdex timeline`: one line per period with a bar, or CSV.

use std::io::Write;

use newsdex::timeline::Timeline;

/// Widest bar, in characters, for the period with the most matches.
const BAR: u64 = 40;

/// One line per period: the period, its count, and a bar as long as the count is against the
/// largest (at least one block for any match, none for none).
pub fn human(out: &mut dyn Write, t: &Timeline) -> std::io::Result<()> {
    let most = t.periods.iter().map(|p| p.count).max().unwrap_or(0);
    let width = most.to_string().len();
    for p in &t.periods {
        let blocks = if p.count == 0 {
            0
        } else {
            (p.count * BAR).div_ceil(most) as usize
        };
        let line = format!("{:<10} {:>width$} {}", p.period, p.count, "█".repeat(blocks));
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `period,count` with a header row; undated matches have no row.
pub fn csv(out: &mut dyn Write, t: &Timeline) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["period", "count"])?;
    for p in &t.periods {
        w.write_record([p.period.as_str(), &p.count.to_string()])?;
    }
    w.flush()
}
