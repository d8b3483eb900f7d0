//! Switches that leave one part of a bulk load out, to measure what each part costs
//! (`benches/ablation.sh`, which builds with the `ablation` feature; no other build has
//! this module). An index loaded with a part left out answers searches wrongly: it is for
//! timing only.
//!
//! `NEWSDEX_ABLATE` lists the parts left out, separated by commas:
//! - `extraction`: no quotes or speakers are looked for ([`crate::extract::enrich`]);
//! - `extracted`: they are looked for, then dropped: extraction's own cost, without the
//!   fields and documents its results become;
//! - `quote-documents`: no document of its own for each quote ([`crate::document`]);
//! - `stemming`: words are indexed as written, not stemmed ([`crate::words`]).

use std::sync::OnceLock;

/// The parts of a load left out.
#[derive(Debug, Default)]
pub(crate) struct Off {
    pub extraction: bool,
    pub extracted: bool,
    pub quote_documents: bool,
    pub stemming: bool,
}

/// What `NEWSDEX_ABLATE` leaves out, read once. An unknown part ends the process with exit
/// code 2: a measurement of the wrong thing must not pass for a measurement.
pub(crate) fn off() -> &'static Off {
    static OFF: OnceLock<Off> = OnceLock::new();
    OFF.get_or_init(|| {
        let mut off = Off::default();
        let list = std::env::var("NEWSDEX_ABLATE").unwrap_or_default();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "extraction" => off.extraction = true,
                "extracted" => off.extracted = true,
                "quote-documents" => off.quote_documents = true,
                "stemming" => off.stemming = true,
                other => {
                    eprintln!(
                        "newsdex: NEWSDEX_ABLATE: unknown part {other:?} \
                         (known: extraction, extracted, quote-documents, stemming)"
                    );
                    std::process::exit(2);
                }
            }
        }
        off
    })
}
