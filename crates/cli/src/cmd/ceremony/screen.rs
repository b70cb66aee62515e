//! The projector screen: what the ceremony shows and how it reads the
//! organiser's answers.
//!
//! Why plain ANSI and no terminal crate: the ceremony needs four escape
//! sequences (clear, bold, two colours and reset), all of them ECMA-48 and
//! understood by every terminal emulator in use; a crate would add a
//! dependency tree for that. Colours appear only when standard output is a
//! terminal, `NO_COLOR` is unset or empty (<https://no-color.org>) and `TERM`
//! is not `dumb`; the screen is cleared between steps only on a terminal
//! (elsewhere a blank line separates them), so a transcript of the session
//! piped to a file holds text and nothing else.
//!
//! Input is read a line at a time (the terminal's own line editing works:
//! backspace, Ctrl-U). End of input (Ctrl-D) is [`Stop::EndOfInput`]; Ctrl-C
//! is handled by the ceremony's signal handler (see `mod.rs`).

use crate::i18n::Lang;
use crate::t;
use std::io::{BufRead, IsTerminal, Read, Write};

/// Columns of text after the two-column margin: fits an 80-column screen.
pub const WIDTH: usize = 76;

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Bold and colour escapes.
    pub colour: bool,
    /// Clear the screen between steps.
    pub clear: bool,
}

impl Style {
    /// Plain text: no escape sequence at all.
    pub const PLAIN: Style = Style { colour: false, clear: false };

    /// Decides from standard output and the environment.
    pub fn detect() -> Style {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        Style::decide(tty, no_color, dumb)
    }

    /// The rule of [`Style::detect`], apart from the environment.
    pub fn decide(tty: bool, no_color: bool, dumb: bool) -> Style {
        Style { colour: tty && !no_color && !dumb, clear: tty && !dumb }
    }
}

/// Why the ceremony stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Stop {
    /// Standard input ended (Ctrl-D, or a script ran out of lines).
    #[error("standard input ended before the end of the ceremony")]
    EndOfInput,
}

/// The kind of a highlighted line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A heading or a value to look at: bold.
    Strong,
    /// A check that passed: bold green.
    Good,
    /// A problem: bold red.
    Bad,
    /// A question to the organiser: bold yellow.
    Ask,
}

impl Tone {
    fn escape(self) -> &'static str {
        match self {
            Tone::Strong => "\x1b[1m",
            Tone::Good => "\x1b[1;32m",
            Tone::Bad => "\x1b[1;31m",
            Tone::Ask => "\x1b[1;33m",
        }
    }
}

/// Lines of at most [`WIDTH`] columns: a longer line is broken between
/// words (runs of spaces become one), keeping its leading spaces; a word
/// longer than a line is left whole.
pub fn wrap(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.chars().count() <= WIDTH {
            out.push(line.to_string());
            continue;
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut current = indent.clone();
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let used = current.chars().count();
            if used > indent.len() && used + 1 + word.chars().count() > WIDTH {
                out.push(std::mem::replace(&mut current, indent.clone()));
            }
            if current.chars().count() > indent.len() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out
}

/// The screen and keyboard of the ceremony.
pub struct Room<R, W> {
    input: R,
    out: W,
    style: Style,
    /// Said when a line is not UTF-8, in the room's language.
    not_utf8: String,
    /// Said when a line is longer than [`MAX_LINE_BYTES`].
    too_long: String,
}

/// The longest line read from the keyboard: room for any value a source
/// takes (a text is at most 4096 bytes, a drand signature 192 characters).
/// Input without line ends (`< /dev/zero`, a pipe) is read no further than
/// this, never into memory without end (issue 15).
pub const MAX_LINE_BYTES: u64 = 64 * 1024;

impl<R: BufRead, W: Write> Room<R, W> {
    pub fn new(input: R, out: W, style: Style, lang: Lang) -> Self {
        let too_long = t!(lang, "ceremony.input.too-long", max = MAX_LINE_BYTES);
        Room { input, out, style, not_utf8: t!(lang, "ceremony.input.not-utf8"), too_long }
    }

    /// Starts a new screen: cleared on a terminal, a heading between two rules.
    pub fn screen(&mut self, heading: &str) {
        if self.style.clear {
            self.raw("\x1b[2J\x1b[H");
        } else {
            self.raw("\n");
        }
        let rule = "═".repeat(WIDTH);
        self.styled(&rule, Tone::Strong);
        self.styled(&format!("  {heading}"), Tone::Strong);
        self.styled(&rule, Tone::Strong);
        self.line("");
    }

    /// Text, indented by two columns and wrapped to the screen.
    pub fn line(&mut self, text: &str) {
        if text.is_empty() {
            return self.raw("\n");
        }
        for l in wrap(text) {
            self.raw(&format!("  {l}\n"));
        }
    }

    /// Text in a tone; the escapes surround whole lines, so the text itself
    /// is never split by them.
    pub fn styled(&mut self, text: &str, tone: Tone) {
        if !self.style.colour {
            return self.line(text);
        }
        for l in wrap(text) {
            self.raw(&format!("  {}{l}\x1b[0m\n", tone.escape()));
        }
    }

    /// A command to copy: bold, on one line however long (a wrapped
    /// command cannot be pasted).
    pub fn command(&mut self, text: &str) {
        let (on, off) = if self.style.colour { (Tone::Strong.escape(), "\x1b[0m") } else { ("", "") };
        self.raw(&format!("    {on}{text}{off}\n"));
    }

    /// Text in large letters (hexadecimal digits and '-'), for what the room
    /// compares by eye: fingerprints and place numbers.
    pub fn big(&mut self, text: &str) {
        for row in big_rows(text) {
            self.styled(&format!("  {row}"), Tone::Strong);
        }
    }

    /// Asks a question and returns the line typed, without its line end.
    pub fn ask(&mut self, prompt: &str) -> Result<String, Stop> {
        self.line("");
        self.styled(prompt, Tone::Ask);
        self.raw("  > ");
        self.read()
    }

    /// Waits for Enter (anything typed before it is ignored); the prompt and
    /// the cursor share one line, to keep the screen within 24 rows.
    pub fn pause(&mut self, prompt: &str) -> Result<(), Stop> {
        self.line("");
        let (on, off) = if self.style.colour { (Tone::Ask.escape(), "\x1b[0m") } else { ("", "") };
        self.raw(&format!("  {on}{prompt}{off} "));
        self.read().map(|_| ())
    }

    /// One line of input. Bytes that are not UTF-8 (a terminal set to
    /// another encoding) are refused and the line is asked again: never
    /// guessed at, never taken for the end of input.
    fn read(&mut self) -> Result<String, Stop> {
        loop {
            let mut buf = Vec::new();
            match (&mut self.input).take(MAX_LINE_BYTES + 1).read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => {
                    self.raw("\n");
                    return Err(Stop::EndOfInput);
                }
                // Not typed by a person: the ceremony stops as at the end of input.
                Ok(n) if n as u64 > MAX_LINE_BYTES && !buf.ends_with(b"\n") => {
                    let msg = self.too_long.clone();
                    self.raw("\n");
                    self.styled(&msg, Tone::Bad);
                    return Err(Stop::EndOfInput);
                }
                Ok(_) => match String::from_utf8(buf) {
                    Ok(line) => return Ok(line.trim_end_matches(['\n', '\r']).to_string()),
                    Err(_) => {
                        let msg = self.not_utf8.clone();
                        self.styled(&msg, Tone::Bad);
                        self.raw("  > ");
                    }
                },
            }
        }
    }

    fn raw(&mut self, s: &str) {
        // A projector that went away is no reason to abandon the draw: the
        // transcript is still written, and errors of the file are reported.
        let _ = self.out.write_all(s.as_bytes()).and_then(|_| self.out.flush());
    }
}

/// A 3×5 font for hexadecimal digits and '-', each pixel two columns wide.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c.to_ascii_uppercase() {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", "###", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", "..#", "..#"],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        'A' => ["###", "#.#", "###", "#.#", "#.#"],
        'B' => ["##.", "#.#", "##.", "#.#", "##."],
        'C' => ["###", "#..", "#..", "#..", "###"],
        'D' => ["##.", "#.#", "#.#", "#.#", "##."],
        'E' => ["###", "#..", "###", "#..", "###"],
        'F' => ["###", "#..", "###", "#..", "#.."],
        '-' => ["...", "...", "###", "...", "..."],
        _ => return None,
    })
}

/// The five rows of `text` in large letters; characters without a glyph are left out.
pub fn big_rows(text: &str) -> Vec<String> {
    let glyphs: Vec<[&str; 5]> = text.chars().filter_map(glyph).collect();
    (0..5)
        .map(|row| {
            let cells: Vec<String> =
                glyphs.iter().map(|g| g[row].chars().map(|p| if p == '#' { "██" } else { "  " }).collect()).collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_capable_terminal() {
        assert_eq!(Style::decide(true, false, false), Style { colour: true, clear: true });
        assert_eq!(Style::decide(true, true, false), Style { colour: false, clear: true });
        assert_eq!(Style::decide(true, false, true), Style::PLAIN);
        assert_eq!(Style::decide(false, false, false), Style::PLAIN);
    }

    #[test]
    fn a_fingerprint_in_large_letters_fits_the_screen() {
        let rows = big_rows("2301-0BC1");
        assert_eq!(rows.len(), 5);
        // Nine glyphs of 6 columns with 2 between them, plus the 4-column margin.
        assert!(rows.iter().all(|r| r.chars().count() + 4 <= 80), "{rows:#?}");
        assert!(rows.iter().all(|r| r.chars().count() <= 9 * 6 + 8 * 2));
        // Six columns a glyph, two between glyphs: "8" fills its top row.
        assert_eq!(big_rows("8888")[0].chars().count(), 4 * 6 + 3 * 2);
        assert_eq!(big_rows("?"), vec![String::new(); 5]);
    }

    #[test]
    fn plain_style_writes_no_escapes_and_end_of_input_stops() {
        let mut out = Vec::new();
        let mut room = Room::new(&b"\xff\xfe\nfirst\r\n"[..], &mut out, Style::PLAIN, Lang::en());
        room.screen("Heading");
        room.styled("good", Tone::Good);
        room.big("1");
        assert_eq!(room.ask("Q?"), Ok("first".to_string()));
        assert_eq!(room.ask("Q?"), Err(Stop::EndOfInput));
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\x1b'), "{text:?}");
        assert!(text.contains(&t!(Lang::en(), "ceremony.input.not-utf8")), "{text}");
        assert!(text.contains("    Heading\n") && text.contains("  good\n"), "{text}");
    }

    /// Issue 15: a line without end is read no further than the bound.
    #[test]
    fn a_line_longer_than_the_bound_stops_the_ceremony() {
        let mut out = Vec::new();
        let mut input = vec![b'7'; MAX_LINE_BYTES as usize];
        input.push(b'\n');
        let mut room = Room::new(&input[..], &mut out, Style::PLAIN, Lang::en());
        assert_eq!(room.ask("Q?").map(|l| l.len()), Ok(MAX_LINE_BYTES as usize), "a line at the bound is read");
        let mut out = Vec::new();
        let mut room = Room::new(std::io::BufReader::new(std::io::repeat(b'7')), &mut out, Style::PLAIN, Lang::en());
        assert_eq!(room.ask("Q?"), Err(Stop::EndOfInput));
        // The sentence as shown, wrapped to the screen.
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = flat(&String::from_utf8(out).unwrap());
        assert!(text.contains(&flat(&t!(Lang::en(), "ceremony.input.too-long", max = MAX_LINE_BYTES))), "{text}");
    }

    #[test]
    fn colour_style_wraps_whole_lines() {
        let mut out = Vec::new();
        Room::new(&b""[..], &mut out, Style { colour: true, clear: true }, Lang::en()).styled("Match", Tone::Good);
        assert_eq!(String::from_utf8(out).unwrap(), "  \x1b[1;32mMatch\x1b[0m\n");
    }

    #[test]
    fn long_lines_wrap_between_words_and_keep_their_indent() {
        let text = format!("  {}", "word ".repeat(40));
        let lines = wrap(&text);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= WIDTH && l.starts_with("  word")));
        assert_eq!(lines.join(" ").split_whitespace().count(), 40);
        let long = "x".repeat(90);
        assert_eq!(wrap(&long), vec![long.clone()]);
        assert_eq!(wrap("a\n  b   c"), vec!["a", "  b   c"]);
    }
}
