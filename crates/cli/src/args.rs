//! Stage one of argument handling: the raw flags as clap reads them. Stage
//! two ([`crate::config`]) turns them into validated configurations, so the
//! commands never see an unchecked string.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "potdraw",
    version = env!("POTDRAW_BUILD_VERSION_SHORT"),
    about = "Verifiable lottery draws for a shared pot: commit, draw, verify, check",
    long_about = "potdraw runs committed-seed, publicly reproducible draws.\n\
                  Exit codes: 0 success / verified, 1 verification failed, 2 usage or input error;\n\
                  130 when `ceremony` is stopped with Ctrl-C."
)]
pub struct Cli {
    /// Language of messages for people: en or nl (default: from LC_ALL, LC_MESSAGES or LANG).
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant (commit's many flags) costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Before the event: commit to the candidate list, a secret seed and the entropy plan.
    Commit(CommitArgs),
    /// At the event: reveal the seed, mix in the announced entropy, write the transcript.
    Draw(DrawArgs),
    /// At the event, on a projector: the draw step by step for the room, then the same transcript as `draw`.
    Ceremony(CeremonyArgs),
    /// Anyone, any time: replay a transcript and report every check.
    Verify(VerifyArgs),
    /// A participant: was my ticket in the draw, and was I drawn?
    ///
    /// Exit 0: in the draw. 1: not in the draw, or the transcript does not verify. 2: unusable input,
    /// or a code of this draw with an id that matches no ticket as typed (the spelling that does match
    /// is named, with its answer; SPEC §8.4).
    Check(CheckArgs),
    /// After the draw: record that a place was vacated or a reserve passed over (SPEC §15).
    Amend(AmendArgs),
    /// Run the whole story on the bundled example in a temporary folder.
    Demo(DemoArgs),
    /// Replay an RFC 3797 selection from its published inputs, step by step like the RFC's program.
    Rfc3797(Rfc3797Args),
    /// Write the verifier page for participants: one HTML file that works offline in any browser.
    Web(WebArgs),
    /// After the draw: a folder ready for any static web host: the draw's page, the verifier page, the documents.
    Publish(crate::cmd::publish::PublishArgs),
    /// Verify a transcript and write its printable report: one self-contained HTML page (A4).
    Report(ReportArgs),
    /// What this potdraw is: version, git commit, rustc, the SPEC it implements and the formats it reads and writes.
    Version(VersionArgs),
    /// The organiser: printable slips for residents (id, code, name), or a CSV for a mail merge.
    Slips(crate::cmd::slips::SlipsArgs),
    /// The organiser: who was drawn, by id and name, from the transcript and the receipts (private).
    Results(crate::cmd::results::ResultsArgs),
    /// The organiser: the secret seed on a printable page, to keep offline.
    SeedSheet(crate::cmd::seed_sheet::SeedSheetArgs),
    /// drand beacons: verify a round offline, convert between rounds and times (SPEC §13).
    #[command(subcommand)]
    Beacon(BeaconCommand),
    /// The organiser's signing key (SPEC §16): make one, once, and publish its public half.
    #[command(subcommand)]
    Key(KeyCommand),
    /// The organiser: sign a published file; writes FILE.minisig beside it (minisign's format, SPEC §16).
    Sign(SignArgs),
    /// An auditor: check every commitment, transcript, record and signature in a folder, and the chain of draws.
    Audit(AuditArgs),
    /// The organiser: ask time-stamp authorities for tokens over the commitment, written beside it (feature `fetch`).
    #[cfg(feature = "fetch")]
    Timestamp(TimestampArgs),
}

#[cfg(feature = "fetch")]
#[derive(Debug, Args)]
pub struct TimestampArgs {
    /// The commitment, e.g. public/commitment.json.
    #[arg(value_name = "FILE")]
    pub commitment: PathBuf,
    /// A time-stamp authority's address (RFC 3161), e.g. https://freetsa.org/tsr; repeatable, for several independent authorities.
    #[arg(long, value_name = "URL", required = true)]
    pub tsa: Vec<String>,
    /// The time-stamp authorities' roots you trust (PEM), to see whether each token counts as proof.
    #[arg(long, value_name = "FILE")]
    pub tsa_roots: Option<PathBuf>,
    /// Overwrite an existing token of the same name.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a signing key: DIR/private/potdraw.key (secret, 0600) and DIR/public/potdraw.pub (publish it).
    Generate(KeyGenerateArgs),
}

#[derive(Debug, Args)]
pub struct KeyGenerateArgs {
    /// Folder for public/potdraw.pub and private/potdraw.key.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite an existing key (the old key can then no longer sign).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The file to sign: a commitment, a transcript, a record or any other published file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The secret key (private/potdraw.key of `potdraw key generate`, or a minisign secret key).
    #[arg(long, value_name = "SECRET")]
    pub key: PathBuf,
    /// Overwrite an existing FILE.minisig.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The folder to audit, e.g. a copy of the collective's website; every file below it is read.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The organiser's public key (a .pub file or its RW… line): every document must be signed with it.
    #[arg(long, value_name = "PUBLIC")]
    pub key: Option<std::ffi::OsString>,
    /// The time-stamp authorities' roots you trust (PEM): every DOC.NAME.tsr token is then checked against the document it lies beside.
    #[arg(long, value_name = "FILE")]
    pub tsa_roots: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum BeaconCommand {
    /// Verify a drand round's BLS signature offline; prints its randomness (exit 0 genuine, 1 forged).
    Verify(BeaconVerifyArgs),
    /// The first round of a chain at or after a UTC time.
    RoundAt(BeaconRoundAtArgs),
    /// The UTC time of a round.
    TimeOf(BeaconTimeOfArgs),
    /// Fetch a round over HTTPS and verify it before printing it as beacon JSON (feature `fetch`).
    #[cfg(feature = "fetch")]
    Fetch(BeaconFetchArgs),
}

#[derive(Debug, Args)]
pub struct BeaconVerifyArgs {
    /// quicknet, mainnet (the League of Entropy "default" chain) or a chain-info JSON file as served at /info.
    #[arg(long, value_name = "CHAIN")]
    pub chain: String,
    #[arg(long, value_name = "N")]
    pub round: u64,
    /// The round's signature, hex.
    #[arg(long, value_name = "HEX")]
    pub signature: String,
    /// The previous round's signature, hex (chained schemes such as mainnet only).
    #[arg(long, value_name = "HEX")]
    pub previous_signature: Option<String>,
}

#[derive(Debug, Args)]
pub struct BeaconRoundAtArgs {
    /// quicknet, mainnet or a chain-info JSON file.
    #[arg(long, value_name = "CHAIN")]
    pub chain: String,
    /// UTC time, e.g. 2026-12-05T19:30:00Z.
    #[arg(value_name = "TIME")]
    pub time: String,
}

#[derive(Debug, Args)]
pub struct BeaconTimeOfArgs {
    /// quicknet, mainnet or a chain-info JSON file.
    #[arg(long, value_name = "CHAIN")]
    pub chain: String,
    #[arg(value_name = "ROUND")]
    pub round: u64,
}

#[cfg(feature = "fetch")]
#[derive(Debug, Args)]
pub struct BeaconFetchArgs {
    /// quicknet, mainnet or a chain-info JSON file.
    #[arg(long, value_name = "CHAIN")]
    pub chain: String,
    #[arg(long, value_name = "N")]
    pub round: u64,
    /// The drand HTTP relay.
    #[arg(long, value_name = "URL", default_value = "https://api.drand.sh")]
    pub relay: String,
    /// Write the verified beacon JSON here (for `draw --beacon LABEL=FILE`) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CommitArgs {
    /// The private candidate list: a spreadsheet (.xlsx, .xls, .ods) or a CSV file, with a header
    /// row, an `id` column and optionally `weight` (or `gewicht`).
    #[arg(long, value_name = "FILE", required_unless_present = "list")]
    pub candidates: Option<PathBuf>,
    /// Several lists in one draw (SPEC §17): a named candidate list, NAME=FILE, read like --candidates.
    /// Repeat for each list (2 to 16). NAME is lowercase letters, digits, '.', '_' or '-'.
    #[arg(long = "list", value_name = "NAME=FILE", conflicts_with = "candidates")]
    pub list: Vec<String>,
    /// With --list: a list with a fixed number of recipients, NAME=K.
    #[arg(long = "list-recipients", value_name = "NAME=K", requires = "list")]
    pub list_recipients: Vec<String>,
    /// With --list: a list of recipients paid by its own pot, NAME=EUROS (one per neighbourhood,
    /// SPEC §17.6), with the grant flags of the draw unless --list-grant-monthly, --list-months,
    /// --list-min or --list-max give it its own. Needed for each list of recipients when
    /// there are two or more of them; --pot then is refused.
    #[arg(long = "list-pot", value_name = "NAME=EUROS", requires = "list")]
    pub list_pot: Vec<String>,
    /// With --list and --list-pot: the monthly grant of one list's pot, NAME=EUROS (default: --grant-monthly).
    #[arg(long = "list-grant-monthly", value_name = "NAME=EUROS", requires = "list")]
    pub list_grant_monthly: Vec<String>,
    /// With --list and --list-pot: the number of months of one list's grants, NAME=N (default: --months).
    #[arg(long = "list-months", value_name = "NAME=N", requires = "list")]
    pub list_months: Vec<String>,
    /// With --list and --list-pot: the minimum number of recipients of one list's pot, NAME=K (default: --min).
    #[arg(long = "list-min", value_name = "NAME=K", requires = "list")]
    pub list_min: Vec<String>,
    /// With --list and --list-pot: the maximum number of recipients of one list's pot, NAME=K (default: --max).
    #[arg(long = "list-max", value_name = "NAME=K", requires = "list")]
    pub list_max: Vec<String>,
    /// With --list: the reserves of one list, NAME=R (default: --reserves).
    #[arg(long = "list-reserves", value_name = "NAME=R", requires = "list")]
    pub list_reserves: Vec<String>,
    /// With --list: a list of travel companions, NAME=OTHER: as many recipients as list OTHER,
    /// companion 1 travelling with place 1 of OTHER, and so on. A list given neither this nor
    /// --list-recipients takes its recipients from the pot (--pot and the grant flags); at most one list does.
    #[arg(long = "companions", value_name = "NAME=OTHER", requires = "list")]
    pub companions: Vec<String>,
    /// The sheet to read from a spreadsheet (default: the first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Only the rows whose COLUMN holds VALUE are candidates, compared trimmed and in any case
    /// (e.g. "Doet mee aan loting=ja"). Repeat for more conditions; with --list, for every list.
    #[arg(long = "where", value_name = "COLUMN=VALUE")]
    pub filter: Vec<String>,
    /// With --list: the sheet of one list's spreadsheet, NAME=SHEET (one workbook, a tab per list).
    #[arg(long = "list-sheet", value_name = "NAME=SHEET", requires = "list")]
    pub list_sheet: Vec<String>,
    /// With --list: the name people call one list by, NAME=TEXT ("noord=Reisgenoten Noord"),
    /// shown on the slips, the projector and every page (SPEC §19). Repeatable.
    #[arg(long = "list-display", value_name = "NAME=TEXT", requires = "list")]
    pub list_display: Vec<String>,
    /// With --list: a condition for one list's rows, NAME=COLUMN=VALUE (one member sheet with a
    /// column for the neighbourhood: --list-where noord=Wijk=Noord). Repeatable.
    #[arg(long = "list-where", value_name = "NAME=COLUMN=VALUE", requires = "list")]
    pub list_filter: Vec<String>,
    /// The column that holds the ids (default: the column named `id`, in any case).
    #[arg(long, value_name = "NAME")]
    pub id_column: Option<String>,
    /// The column that holds the weights (default: `weight` or `gewicht`, in any case, if present).
    #[arg(long, value_name = "NAME")]
    pub weight_column: Option<String>,
    /// The separator of a CSV file (default: detected from the header row).
    #[arg(long, value_name = "SEP", value_parser = [",", ";", "tab"])]
    pub delimiter: Option<String>,
    /// The encoding of a CSV file that is not UTF-8, as Dutch Excel saves "CSV" (never guessed).
    #[arg(long, value_name = "ENCODING", value_parser = ["utf-8", "windows-1252"])]
    pub encoding: Option<String>,
    /// The pot in euros, e.g. 60000 or 60000.50.
    #[arg(long, value_name = "EUROS", required_unless_present = "list")]
    pub pot: Option<String>,
    /// A public entropy source, in plan order: dice:LABEL[:COUNTdFACES] (default 20d6),
    /// numbers:LABEL:COUNT (COUNT published numbers, e.g. a lottery's six), drand:LABEL:CHAIN:ROUND or drand:LABEL:CHAIN:TIME (CHAIN quicknet, mainnet or a chain-info
    /// file; TIME in UTC gives the first round at or after it); numbers:LABEL with --method rfc3797.
    #[arg(long = "entropy", value_name = "KIND:LABEL", required = true)]
    pub entropy: Vec<String>,
    /// The draw method, recorded in the commitment: potdraw-v1 (secret seed, weights) or
    /// rfc3797 (RFC 3797's public MD5 selection, no seed, no weights; SPEC §12).
    #[arg(long, value_name = "METHOD", default_value = "potdraw-v1", value_parser = ["potdraw-v1", "rfc3797"])]
    pub method: String,
    /// Folder for public/commitment.json, private/seed and private/receipts.jsonl.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Fix the number of recipients (default: as many grants as the pot pays, up to --max).
    #[arg(long, value_name = "K")]
    pub recipients: Option<u64>,
    /// Number of reserves, drawn after the recipients, in order.
    #[arg(long, value_name = "R", default_value_t = 3)]
    pub reserves: u64,
    /// Monthly grant in euros.
    #[arg(long, value_name = "EUROS", default_value = "1000")]
    pub grant_monthly: String,
    /// Number of months of a grant.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub months: u64,
    /// Policy minimum number of recipients.
    #[arg(long, value_name = "K", default_value_t = 5)]
    pub min: u64,
    /// Policy maximum number of recipients.
    #[arg(long, value_name = "K", default_value_t = 9)]
    pub max: u64,
    /// Title shown in the commitment, transcript and reports.
    #[arg(long, value_name = "TEXT", default_value = "Loting")]
    pub title: String,
    /// Creation time to record instead of now (UTC, e.g. 2026-12-01T12:00:00Z).
    #[arg(long, value_name = "TIME")]
    pub created_at: Option<String>,
    /// Accept a drand round whose time has already passed. Its value may then have been known
    /// when the commitment was made; the report says so.
    #[arg(long)]
    pub allow_past_round: bool,
    /// Testing only: the current time (UTC) against which drand rounds are judged past or future.
    #[arg(long, value_name = "TIME", hide = true)]
    pub now: Option<String>,
    /// The organiser's previous commitment (any version): its digest is recorded as `previous`
    /// (SPEC §14.3), which makes this commitment version 3.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Overwrite existing output files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DrawArgs {
    /// The commitment as published.
    #[arg(long, value_name = "FILE")]
    pub commitment: PathBuf,
    /// The secret seed file written by `commit` (method potdraw-v1; rfc3797 has no seed).
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// The value of an announced entropy source, LABEL=VALUE; one per planned source.
    /// For a drand source the value is the round's signature in hex.
    #[arg(long = "entropy", value_name = "LABEL=VALUE")]
    pub entropy: Vec<String>,
    /// A drand source's previous-round signature (chained schemes such as mainnet), LABEL=HEX.
    #[arg(long = "previous-signature", value_name = "LABEL=HEX")]
    pub previous_signature: Vec<String>,
    /// A drand source's round as the drand HTTP API serves it (a JSON file), LABEL=FILE.
    #[arg(long = "beacon", value_name = "LABEL=FILE")]
    pub beacon: Vec<String>,
    /// Where to write the transcript.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing transcript.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Each step waits for Enter. Ctrl-C (exit 130) or Ctrl-D (exit 2) before the end \
                        writes nothing; run the same command again to start over: the same inputs give \
                        the same result.")]
pub struct CeremonyArgs {
    /// The commitment as published.
    #[arg(long, value_name = "FILE")]
    pub commitment: PathBuf,
    /// The secret seed file written by `commit` (method potdraw-v1; rfc3797 has no seed).
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// Where to write the transcript (default: transcript.json in the commitment's folder).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Where to write the printable report (default: report.html beside the transcript).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Overwrite an existing transcript and report.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The published transcript.
    #[arg(value_name = "TRANSCRIPT")]
    pub transcript: PathBuf,
    /// The commitment as it was published before the draw.
    #[arg(long, value_name = "FILE")]
    pub commitment: Option<PathBuf>,
    /// The record of substitutions (SPEC §15): check it and print the final list.
    #[arg(long, value_name = "FILE")]
    pub amendments: Option<PathBuf>,
    /// An earlier published version of the record: it must be unchanged at the start of --amendments.
    #[arg(long, value_name = "FILE", requires = "amendments")]
    pub earlier: Option<PathBuf>,
    /// The organiser's public key (a .pub file or its RW… line): TRANSCRIPT.minisig must be a signature by it.
    #[arg(long, value_name = "PUBLIC")]
    pub key: Option<std::ffi::OsString>,
    /// A time-stamp token (RFC 3161, SPEC §18) over the commitment; repeatable. Tokens named DOC.NAME.tsr beside the transcript and the commitment are found without it.
    #[arg(long, value_name = "FILE")]
    pub timestamp: Vec<PathBuf>,
    /// The time-stamp authorities' roots you trust (PEM): only a token that chains to one counts as proof.
    #[arg(long, value_name = "FILE")]
    pub tsa_roots: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The published transcript.
    #[arg(value_name = "TRANSCRIPT")]
    pub transcript: PathBuf,
    /// Your receipt (or the organiser's receipts.jsonl together with --id).
    #[arg(long, value_name = "FILE", conflicts_with = "code")]
    pub receipt: Option<PathBuf>,
    /// Your id, exactly as on your paper (case, spaces and hyphens count; a near miss is named).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The code on your paper, e.g. 0K3F-...; hyphens and case do not matter.
    #[arg(long, value_name = "CODE", requires = "id")]
    pub code: Option<String>,
    /// The record of substitutions (SPEC §15): answer with the final outcome.
    #[arg(long, value_name = "FILE")]
    pub amendments: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AmendArgs {
    /// The published transcript the record belongs to.
    #[arg(value_name = "TRANSCRIPT")]
    pub transcript: PathBuf,
    /// The record of substitutions: created if absent, else extended by one event.
    #[arg(long, value_name = "FILE")]
    pub record: PathBuf,
    /// The place (recipient number) that was vacated; the next reserve in order takes it.
    #[arg(long, value_name = "N", conflicts_with = "reserve", required_unless_present_any = ["reserve", "undo"])]
    pub place: Option<u64>,
    /// A reserve of the transcript that is passed over.
    #[arg(long, value_name = "N")]
    pub reserve: Option<u64>,
    /// Undo the most recent event still in effect (a mistake such as a repeated command); the
    /// record keeps the event and adds the undo.
    #[arg(long, conflicts_with_all = ["place", "reserve", "holder", "reason", "list", "receipts"])]
    pub undo: bool,
    /// For a draw with several lists: the list of the place or reserve (not needed with --holder
    /// ID --receipts FILE: the receipt names its list).
    #[arg(long, value_name = "NAME")]
    pub list: Option<String>,
    /// Who the event is about: the ticket's fingerprint as the projector and the report show it
    /// (e.g. DA7D-21C5), or, with --receipts, the person's id. amend refuses when that person does
    /// not hold the place (or is not that reserve) now, so a repeated command is never recorded twice.
    #[arg(long, value_name = "TICKET", required_unless_present = "undo")]
    pub holder: Option<String>,
    /// The receipts written by `commit` (private/receipts.jsonl), to name --holder by id.
    #[arg(long, value_name = "FILE")]
    pub receipts: Option<PathBuf>,
    /// On a terminal, record without asking for confirmation.
    #[arg(long)]
    pub yes: bool,
    /// Why: declined, unreachable or not-eligible (no other reason, no free text).
    #[arg(long, value_name = "REASON", required_unless_present = "undo")]
    pub reason: Option<String>,
    /// The date of the event, UTC, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo's files in DIR (a new or empty folder) instead of a temporary folder.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Rfc3797Args {
    /// The size of the pool; the items are numbered 1 to N in their published order.
    #[arg(long, value_name = "N")]
    pub pool: u64,
    /// How many items to select.
    #[arg(long, value_name = "K")]
    pub select: u64,
    /// One random source, in the announced order: its numbers, e.g. "2 5 12 8 10".
    #[arg(long = "source", value_name = "NUMBERS", required = true)]
    pub source: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WebArgs {
    /// Where to write the page, e.g. verify.html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The transcript of the draw; it is verified first, and nothing is written if it does not verify.
    #[arg(value_name = "TRANSCRIPT")]
    pub transcript: PathBuf,
    /// The commitment as it was published before the draw (adds the published-commitment check).
    #[arg(long, value_name = "FILE")]
    pub commitment: Option<PathBuf>,
    /// The record of substitutions (SPEC §15): add the final list and the record.
    #[arg(long, value_name = "FILE")]
    pub amendments: Option<PathBuf>,
    /// The time-stamp authorities' roots you trust (PEM): the report says whether the commitment was time-stamped before the draw, by tokens beside the transcript and the commitment.
    #[arg(long, value_name = "FILE")]
    pub tsa_roots: Option<PathBuf>,
    /// Where to write the report, e.g. report.html (the language follows --lang or LANG).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Parses the process arguments. The language is read from them first
/// ([`crate::help::prescan`]), so `--help` and usage errors are in the
/// user's language. `--help` and `--version` print and exit 0; a usage
/// error exits 2 with the class `usage`, a sentence from the catalogue
/// ([`crate::help::usage_error`]) and where to find help.
pub fn parse() -> Cli {
    use clap::error::ErrorKind;
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let words: Vec<String> = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let (flag, command) = crate::help::prescan(&words);
    // An unknown --lang is refused first: every later sentence depends on it.
    let lang = match crate::i18n::Lang::resolve(flag.as_deref()) {
        Ok(lang) => lang,
        Err(e) => std::process::exit(crate::refuse_lang(&e) as i32),
    };
    let cmd = crate::help::command(lang);
    let known = command.filter(|c| cmd.find_subcommand(c).is_some_and(|s| s.get_name() != "help"));
    let command = known.unwrap_or_else(|| lang.raw("clap.command-value").unwrap_or("COMMAND").into());
    match cmd.try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => e.exit(),
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        Err(e) => {
            let said = crate::help::usage_error(&e, lang, &command);
            eprintln!("{}", crate::problem::error_line(lang, "usage", &said));
            eprintln!("{}", lang.t("errors.see-help", &[("command", &command)]));
            std::process::exit(crate::Exit::Unusable as i32)
        }
    }
}
