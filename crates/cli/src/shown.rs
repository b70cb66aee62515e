//! SPEC §19.3: what a person reads for a list named in a document — its
//! display name in a draw of version 5, its name in version 4 — marked
//! with [`visible`] like every other text that comes from a document.
//!
//! WHY here and not in each renderer: the renderers that work on a wire
//! document (the draw summary, `verify`, the amendments record, the
//! report) and those that get a [`potdraw_verify::Drawn`] must say the same
//! thing for the same list; one function per kind of input keeps them from
//! drifting, and no renderer ever looks at the format version to decide.

use potdraw_core::lists::ListDoc;
use potdraw_core::unicode::visible;

/// The list named `name` among `lists` as a person reads it: its display
/// name, else `name` itself (also for a name the lists do not have, so
/// that nothing is hidden).
pub fn list(lists: &[ListDoc], name: &str) -> String {
    let display = lists.iter().find(|l| l.name == name).and_then(|l| l.display.as_deref());
    visible(display.unwrap_or(name))
}

/// For a page (HTML): `shown` isolated from the text around it when it holds
/// right-to-left letters (U+2068 … U+2069, which a browser applies as
/// Unicode's bidirectional isolates), so a number beside the name keeps its
/// side. A left-to-right name is returned as it is.
pub fn isolated(shown: String) -> String {
    if potdraw_core::unicode::has_right_to_left(&shown) {
        format!("\u{2068}{shown}\u{2069}")
    } else {
        shown
    }
}

/// A list of a [`potdraw_verify::Drawn`] as a person reads it.
pub fn drawn(drawn: &potdraw_verify::Drawn, name: &str) -> String {
    visible(drawn.shown(name))
}

/// The lists of one draw by name, for renderers that get a record or a
/// result rather than the draw: each name with its display name (v5).
/// Empty for a draw of one list, whose list has no name.
#[derive(Debug, Clone, Default)]
pub struct Names(Vec<(String, Option<String>)>);

impl Names {
    pub fn of_docs(lists: &[ListDoc]) -> Names {
        Names(lists.iter().map(|l| (l.name.clone(), l.display.clone())).collect())
    }

    pub fn of_drawn(drawn: &potdraw_verify::Drawn) -> Names {
        Names(
            drawn
                .lists()
                .iter()
                .filter_map(|l| l.name.map(|n| (n.to_string(), l.display.map(str::to_string))))
                .collect(),
        )
    }

    /// The list named `name` as a person reads it (see [`list`]).
    pub fn shown(&self, name: &str) -> String {
        visible(self.display(name).unwrap_or(name))
    }

    /// The name of the list a person asked for (SPEC §19.3): by its name,
    /// else by its display name, trimmed and in any case.
    pub fn asked(&self, asked: &str) -> Option<&str> {
        if let Some((n, _)) = self.0.iter().find(|(n, _)| n == asked) {
            return Some(n);
        }
        let wanted = potdraw_core::unicode::tidy_display(asked).to_lowercase();
        self.0.iter().find(|(_, d)| d.as_deref().is_some_and(|d| d.to_lowercase() == wanted)).map(|(n, _)| n.as_str())
    }

    /// Whether the draw is of version 5: its lists have display names.
    pub fn has_displays(&self) -> bool {
        self.0.iter().any(|(_, d)| d.is_some())
    }

    /// Every list as people call it, for a message: `Noord, Reisgenoten Noord`.
    pub fn all_shown(&self) -> String {
        self.0.iter().map(|(n, _)| self.shown(n)).collect::<Vec<_>>().join(", ")
    }

    /// The display name of `name`, for a program's output; `None` in version 4.
    pub fn display(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).and_then(|(_, d)| d.as_deref())
    }
}
