//! What a build shows while it works. On a terminal: the stage, and what it has
//! counted against its total (“reading speeches 1,234/2,000”, then the pages
//! written), with the time left. Where stderr is not a terminal: nothing. With
//! timings on (`--verbose`, or `LECTERN_TIMINGS` set), each stage's time, one
//! line on stderr as the stage ends.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::t;

/// The stages of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    ReadingSpeeches,
    FindingRelated,
    WritingSearchIndex,
    WritingDataDownload,
    WritingPages,
}

impl Stage {
    /// The words the display and the timings show for the stage: the one place
    /// they are written.
    fn label(self) -> String {
        match self {
            Stage::ReadingSpeeches => t!("stage-reading-speeches"),
            Stage::FindingRelated => t!("stage-finding-related"),
            Stage::WritingSearchIndex => t!("stage-writing-search-index"),
            Stage::WritingDataDownload => t!("stage-writing-data-download"),
            Stage::WritingPages => t!("stage-writing-pages"),
        }
    }
}

/// How much time the stage has left, once it has done some of its work (before
/// that there is nothing to estimate from).
fn time_left(state: &ProgressState, out: &mut dyn std::fmt::Write) {
    if state.pos() > 0 && state.len().is_some() {
        let _ = write!(out, "{}", about_left(state.eta()));
    }
}

/// “about 3 minutes left”, in the largest whole unit, rounded.
fn about_left(eta: Duration) -> String {
    let seconds = eta.as_secs_f64();
    let round = |unit: f64| (seconds / unit).round().max(1.0) as u64;
    match seconds {
        s if s < 60.0 => t!("progress-left-seconds", n = round(1.0)),
        s if s < 3600.0 => t!("progress-left-minutes", n = round(60.0)),
        s if s < 86400.0 => t!("progress-left-hours", n = round(3600.0)),
        _ => t!("progress-left-days", n = round(86400.0)),
    }
}

/// The display of a stage, its words written into the template: one change of
/// style changes everything the display shows at once, so that no frame mixes
/// one stage's words with another's numbers.
fn style(stage: Stage, counted: bool) -> ProgressStyle {
    let template = if counted {
        format!(
            "{{spinner}} {} {{human_pos}}/{{human_len}} {{bar:30}} {{left}}",
            stage.label()
        )
    } else {
        format!("{{spinner}} {} {{elapsed}}", stage.label())
    };
    ProgressStyle::with_template(&template)
        .expect("the progress templates are valid")
        .with_key("left", time_left)
}

/// A stage's count, handed to the code that does the work. Cloning it is cheap;
/// a hidden one costs nothing.
#[derive(Clone)]
pub(crate) struct Counter {
    bar: ProgressBar,
    stage: Option<Stage>,
}

impl Counter {
    #[cfg(test)]
    pub(crate) fn hidden() -> Counter {
        Counter {
            bar: ProgressBar::hidden(),
            stage: None,
        }
    }

    /// The stage will do `total` things, counted from 0.
    pub(crate) fn expect(&self, total: usize) {
        // The numbers first, while the display does not show them.
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.bar.reset_eta();
        if let Some(stage) = self.stage {
            self.bar.set_style(style(stage, true));
        }
    }

    /// `n` more are done.
    pub(crate) fn add(&self, n: usize) {
        self.bar.inc(n as u64);
    }
}

/// The build's stages, one after the other.
pub(crate) struct Stages {
    bar: ProgressBar,
    timings: bool,
    current: RefCell<Option<(Stage, Instant)>>,
}

impl Stages {
    /// `visible`: draw the display (on a terminal only). `timings`: print each
    /// stage's time, as `LECTERN_TIMINGS` also asks.
    pub(crate) fn new(visible: bool, timings: bool) -> Stages {
        let bar = if visible {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Stages {
            bar,
            timings: timings || std::env::var_os("LECTERN_TIMINGS").is_some(),
            current: RefCell::new(None),
        }
    }

    /// Ends the running stage and starts `stage`, its count at 0 and its total
    /// unknown until it says.
    pub(crate) fn start(&self, stage: Stage) -> Counter {
        self.end_current();
        self.bar.set_style(style(stage, false));
        self.bar.unset_length();
        self.bar.set_position(0);
        *self.current.borrow_mut() = Some((stage, Instant::now()));
        self.counter()
    }

    /// The count of whichever stage is running when it is added to.
    pub(crate) fn counter(&self) -> Counter {
        Counter {
            bar: self.bar.clone(),
            stage: self.current.borrow().map(|(stage, _)| stage),
        }
    }

    fn end_current(&self) {
        // A counted stage shows its final count, however quickly it ran:
        // otherwise one shorter than a redraw would never show a number.
        if self.bar.length().is_some() {
            self.bar.force_draw();
        }
        if let Some((stage, started)) = self.current.borrow_mut().take() {
            if self.timings {
                let seconds = started.elapsed().as_secs_f64();
                self.bar.suspend(|| {
                    eprintln!(
                        "{}",
                        t!(
                            "stage-timing",
                            stage = stage.label(),
                            seconds = format!("{seconds:.3}")
                        )
                    )
                });
            }
        }
    }

    /// Ends the last stage and clears the display.
    pub(crate) fn finish(&self) {
        self.end_current();
        self.bar.finish_and_clear();
    }
}
