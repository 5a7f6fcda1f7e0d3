//! Workshops: the open window, the join code, participants' names, ideas and themes, and dot
//! voting (a budget per participant, an optional cap per idea) with its ranked result
//! (docs/adr/0008-strategy.md). Pure rules; `vaski_store::strategy::workshop` keeps them.

use crate::network::organisation::{record, FieldErrors};
use crate::sharing::zone::helsinki;
use crate::text::{self, Invalid};
use jiff::civil::{Date as CivilDate, DateTime};
use jiff::Timestamp;
use rand::Rng;
use std::fmt;

/// The most dots one participant can have; a workshop wall has room for no more.
pub const MAX_BUDGET: u32 = 100;

/// How a workshop's dot vote works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRules {
    budget: u32,
    cap_per_idea: Option<u32>,
    anonymous: bool,
}

impl VoteRules {
    /// A budget of 1..=100 dots and, where given, a cap per idea of 1..=budget.
    pub fn new(budget: i64, cap_per_idea: Option<i64>, anonymous: bool) -> Result<Self, Invalid> {
        let budget = u32::try_from(budget)
            .ok()
            .filter(|b| (1..=MAX_BUDGET).contains(b))
            .ok_or(Invalid::new("error-workshop-budget"))?;
        let cap_per_idea = cap_per_idea
            .map(|c| {
                u32::try_from(c)
                    .ok()
                    .filter(|c| (1..=budget).contains(c))
                    .ok_or(Invalid::new("error-workshop-cap"))
            })
            .transpose()?;
        Ok(VoteRules {
            budget,
            cap_per_idea,
            anonymous,
        })
    }

    pub fn budget(&self) -> u32 {
        self.budget
    }

    pub fn cap_per_idea(&self) -> Option<u32> {
        self.cap_per_idea
    }

    /// Whether the result hides who voted for what.
    pub fn anonymous(&self) -> bool {
        self.anonymous
    }

    /// The most dots one participant may put on one idea when nothing else holds them back.
    pub fn most_per_idea(&self) -> u32 {
        self.cap_per_idea.unwrap_or(self.budget)
    }
}

/// Why a participant may not set their dots on an idea to the number they asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VoteRefusal {
    /// The dots would go past the participant's budget: `left` dots are still unplaced, and
    /// this idea can have at most `at_most` of theirs without moving dots from other ideas.
    #[error("past the budget: {left} dots left, at most {at_most} on this idea")]
    PastBudget { left: u32, at_most: u32 },
    /// One participant may put at most `cap` dots on one idea.
    #[error("past the cap of {cap} dots per idea")]
    PastCap { cap: u32 },
}

impl VoteRefusal {
    /// The message-catalogue key; the message takes `left` and `at_most`, or `cap`.
    pub fn key(&self) -> &'static str {
        match self {
            VoteRefusal::PastBudget { .. } => "error-workshop-past-budget",
            VoteRefusal::PastCap { .. } => "error-workshop-past-cap",
        }
    }
}

/// Where a participant's dots are now, around one idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dots {
    /// Their dots on every other idea of the workshop.
    pub elsewhere: u32,
    /// Their dots on this idea.
    pub on_idea: u32,
}

/// Decides whether a participant may set their dots on an idea to `wanted` (0 takes them all
/// back, which is always allowed). The cap is checked first: it holds whatever else the
/// participant does, while the budget can be freed by moving dots away from other ideas.
pub fn may_set_dots(rules: &VoteRules, now: Dots, wanted: u32) -> Result<(), VoteRefusal> {
    if let Some(cap) = rules.cap_per_idea {
        if wanted > cap {
            return Err(VoteRefusal::PastCap { cap });
        }
    }
    let at_most = rules.budget.saturating_sub(now.elsewhere);
    if wanted > at_most {
        return Err(VoteRefusal::PastBudget {
            left: at_most.saturating_sub(now.on_idea),
            at_most,
        });
    }
    Ok(())
}

/// The dots a participant asked for, as typed: a whole number from 0 up.
pub fn parse_dots(s: &str) -> Result<u32, Invalid> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_BUDGET)
        .ok_or(Invalid::new("error-workshop-dots"))
}

/// What an idea gathered in the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub dots: u32,
    pub voters: u32,
}

/// Orders items by their tally, most dots first and then most voters; items with the same
/// tally share a rank and the next rank skips over them ("1., 2., 2., 4."). Items that tie keep
/// their order from the input, so the caller decides how ties are listed.
pub fn rank<T>(items: Vec<T>, tally: impl Fn(&T) -> Tally) -> Vec<(u32, T)> {
    let mut items: Vec<(Tally, T)> = items.into_iter().map(|t| (tally(&t), t)).collect();
    items.sort_by(|(a, _), (b, _)| b.dots.cmp(&a.dots).then(b.voters.cmp(&a.voters)));
    let mut ranked = Vec::with_capacity(items.len());
    let mut previous: Option<(Tally, u32)> = None;
    for (position, (t, item)) in (1u32..).zip(items) {
        let rank = match previous {
            Some((p, r)) if p == t => r,
            _ => position,
        };
        previous = Some((t, rank));
        ranked.push((rank, item));
    }
    ranked
}

/// When a workshop takes participants through its link and votes: `opens_at` up to, not
/// including, `closes_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    opens_at: Timestamp,
    closes_at: Timestamp,
}

impl Window {
    pub fn new(opens_at: Timestamp, closes_at: Timestamp) -> Result<Window, Invalid> {
        if opens_at < closes_at {
            Ok(Window {
                opens_at,
                closes_at,
            })
        } else {
            Err(Invalid::new("error-workshop-window"))
        }
    }

    pub fn opens_at(&self) -> Timestamp {
        self.opens_at
    }

    pub fn closes_at(&self) -> Timestamp {
        self.closes_at
    }

    pub fn is_open_at(&self, at: Timestamp) -> bool {
        self.opens_at <= at && at < self.closes_at
    }

    /// Why the window does not admit anyone at `at`, if it does not.
    pub fn refusal_at(&self, at: Timestamp) -> Option<Invalid> {
        if at < self.opens_at {
            Some(Invalid::new("error-workshop-not-open-yet"))
        } else if at >= self.closes_at {
            Some(Invalid::new("error-workshop-closed"))
        } else {
            None
        }
    }
}

/// The letters and digits of a join code: no 0/O and no 1/I, which people mistake for each
/// other when they read a code off a projector.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 8;

/// The code on a workshop's link, which people without an account type in to take part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinCode(String);

impl JoinCode {
    /// A new random code; 32⁸ (about 10¹²) codes, so guessing one of a few open workshops is
    /// hopeless and a clash with an existing one is rare (the store retries).
    pub fn generate(rng: &mut impl Rng) -> JoinCode {
        let code = (0..CODE_LENGTH)
            .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
            .collect();
        JoinCode(code)
    }

    /// A code as typed: case does not matter, and spaces and dashes are ignored.
    pub fn parse(s: &str) -> Result<JoinCode, Invalid> {
        let code: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if valid {
            Ok(JoinCode(code))
        } else {
            Err(Invalid::new("error-workshop-code"))
        }
    }

    /// The code as stored and compared: eight capitals and digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Shown in two halves (`ABCD-EFGH`), which is easier to read out and to type.
impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = self.0.split_at(CODE_LENGTH / 2);
        write!(f, "{a}-{b}")
    }
}

/// The name a participant goes by in the workshop: one line of 1..=60 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(s: &str) -> Result<DisplayName, Invalid> {
        line(
            s,
            60,
            "error-workshop-name-required",
            "error-workshop-name-invalid",
        )
        .map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An idea's text: 1..=1000 characters, line breaks allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaText(String);

impl IdeaText {
    pub fn parse(s: &str) -> Result<IdeaText, Invalid> {
        match text::optional_text(s, 1000) {
            Ok(Some(t)) => Ok(IdeaText(t)),
            Ok(None) => Err(Invalid::new("error-workshop-idea-required")),
            Err(_) => Err(Invalid::new("error-workshop-idea-invalid")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name of a theme that ideas are grouped under: one line of 1..=100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeName(String);

impl ThemeName {
    pub fn parse(s: &str) -> Result<ThemeName, Invalid> {
        line(
            s,
            100,
            "error-workshop-theme-required",
            "error-workshop-theme-invalid",
        )
        .map(ThemeName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A required single line with the workshop's own keys for "missing" and "not acceptable".
fn line(s: &str, max: usize, missing: &'static str, bad: &'static str) -> Result<String, Invalid> {
    match text::optional_line(s, max) {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(Invalid::new(missing)),
        Err(_) => Err(Invalid::new(bad)),
    }
}

/// What the workshop form or an API caller sent, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkshopInput {
    pub title: String,
    /// The day it is held: `2023-06-05` or `5.6.2023`.
    pub held_on: String,
    pub theme: String,
    /// Finnish wall-clock times: `2023-06-05T09:00` (as a browser's date-time field sends it),
    /// `2023-06-05 09:00` or `5.6.2023 9.00`.
    pub opens_at: String,
    pub closes_at: String,
    pub vote_budget: String,
    /// Blank for no cap.
    pub vote_cap: String,
    pub anonymous_votes: bool,
}

/// A validated workshop, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopDraft {
    pub title: String,
    pub held_on: time::Date,
    pub theme: Option<String>,
    pub window: Window,
    pub rules: VoteRules,
}

impl WorkshopInput {
    /// Every field's problem at once, keyed by the field's name.
    pub fn validate(&self) -> Result<WorkshopDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = record(
            &mut errors,
            "title",
            line(
                &self.title,
                200,
                "error-workshop-title-required",
                "error-workshop-title-invalid",
            ),
        );
        let held_on = record(&mut errors, "held_on", required_date(&self.held_on));
        let theme = record(
            &mut errors,
            "theme",
            text::optional_line(&self.theme, 200)
                .map_err(|_| Invalid::new("error-workshop-theme-invalid")),
        );
        let opens_at = record(&mut errors, "opens_at", parse_local_time(&self.opens_at));
        let closes_at = record(&mut errors, "closes_at", parse_local_time(&self.closes_at));
        let window = match (opens_at, closes_at) {
            (Some(o), Some(c)) => record(&mut errors, "closes_at", Window::new(o, c)),
            _ => None,
        };
        let budget = record(&mut errors, "vote_budget", whole(&self.vote_budget));
        let cap = if self.vote_cap.trim().is_empty() {
            Some(None)
        } else {
            record(&mut errors, "vote_cap", whole(&self.vote_cap)).map(Some)
        };
        let rules = match (budget, cap) {
            (Some(b), Some(c)) => match VoteRules::new(b, c, self.anonymous_votes) {
                Ok(r) => Some(r),
                Err(e) => {
                    let field = if e.key == "error-workshop-cap" {
                        "vote_cap"
                    } else {
                        "vote_budget"
                    };
                    errors.insert(field, e.key);
                    None
                }
            },
            _ => None,
        };
        match (title, held_on, theme, window, rules) {
            (Some(title), Some(held_on), Some(theme), Some(window), Some(rules))
                if errors.is_empty() =>
            {
                Ok(WorkshopDraft {
                    title,
                    held_on,
                    theme,
                    window,
                    rules,
                })
            }
            _ => Err(errors),
        }
    }
}

fn required_date(s: &str) -> Result<time::Date, Invalid> {
    match text::parse_date(s) {
        Ok(Some(d)) => Ok(d),
        _ => Err(Invalid::new("error-workshop-date")),
    }
}

/// A whole number as typed; out-of-range values are the rules' to refuse.
fn whole(s: &str) -> Result<i64, Invalid> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| Invalid::new("error-workshop-number"))
}

/// A Finnish wall-clock time as typed, as the instant it is in Helsinki.
pub fn parse_local_time(s: &str) -> Result<Timestamp, Invalid> {
    let bad = Invalid::new("error-workshop-time");
    let t = s.trim();
    let (day, clock) = t
        .split_once('T')
        .or_else(|| t.split_once(' '))
        .ok_or(bad.clone())?;
    let day = text::parse_date(day).ok().flatten().ok_or(bad.clone())?;
    let (hour, minute) = clock.trim().split_once([':', '.']).ok_or(bad.clone())?;
    let hour: i8 = hour.parse().map_err(|_| bad.clone())?;
    let minute: i8 = minute.parse().map_err(|_| bad.clone())?;
    let civil_day = CivilDate::new(
        i16::try_from(day.year()).map_err(|_| bad.clone())?,
        i8::try_from(u8::from(day.month())).map_err(|_| bad.clone())?,
        i8::try_from(day.day()).map_err(|_| bad.clone())?,
    )
    .map_err(|_| bad.clone())?;
    let at = DateTime::from_parts(
        civil_day,
        jiff::civil::Time::new(hour, minute, 0, 0).map_err(|_| bad.clone())?,
    );
    at.to_zoned(helsinki().clone())
        .map(|z| z.timestamp())
        .map_err(|_| bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn rules(budget: i64, cap: Option<i64>) -> VoteRules {
        VoteRules::new(budget, cap, true).expect("valid")
    }

    #[test]
    fn the_budget_is_one_to_a_hundred_dots() {
        assert!(VoteRules::new(1, None, true).is_ok());
        assert!(VoteRules::new(100, None, true).is_ok());
        assert_eq!(
            VoteRules::new(0, None, true),
            Err(Invalid::new("error-workshop-budget"))
        );
        assert_eq!(
            VoteRules::new(101, None, true),
            Err(Invalid::new("error-workshop-budget"))
        );
    }

    #[test]
    fn the_cap_per_idea_is_one_up_to_the_budget() {
        assert_eq!(rules(5, Some(5)).cap_per_idea(), Some(5));
        assert_eq!(
            VoteRules::new(5, Some(6), true),
            Err(Invalid::new("error-workshop-cap"))
        );
        assert_eq!(
            VoteRules::new(5, Some(0), true),
            Err(Invalid::new("error-workshop-cap"))
        );
    }

    #[test]
    fn dots_within_the_budget_and_the_cap_are_allowed() {
        let r = rules(5, Some(3));
        let now = Dots {
            elsewhere: 2,
            on_idea: 0,
        };
        assert_eq!(may_set_dots(&r, now, 3), Ok(()));
        assert_eq!(may_set_dots(&r, now, 0), Ok(()));
    }

    #[test]
    fn dots_past_the_budget_are_refused_with_how_many_are_left() {
        let r = rules(5, None);
        let now = Dots {
            elsewhere: 3,
            on_idea: 1,
        };
        assert_eq!(
            may_set_dots(&r, now, 3),
            Err(VoteRefusal::PastBudget {
                left: 1,
                at_most: 2
            })
        );
        assert_eq!(may_set_dots(&r, now, 2), Ok(()));
    }

    #[test]
    fn dots_past_the_cap_are_refused_with_the_cap_even_within_the_budget() {
        let r = rules(10, Some(3));
        assert_eq!(
            may_set_dots(&r, Dots::default(), 4),
            Err(VoteRefusal::PastCap { cap: 3 })
        );
        assert_eq!(
            VoteRefusal::PastCap { cap: 3 }.key(),
            "error-workshop-past-cap"
        );
    }

    #[test]
    fn taking_dots_back_is_allowed_even_when_over_the_budget() {
        // A budget lowered after voting leaves someone over it; they can still take dots back.
        let r = rules(2, None);
        let now = Dots {
            elsewhere: 3,
            on_idea: 2,
        };
        assert_eq!(may_set_dots(&r, now, 0), Ok(()));
        assert!(may_set_dots(&r, now, 1).is_err());
    }

    #[test]
    fn dots_are_typed_as_a_whole_number() {
        assert_eq!(parse_dots(" 3 "), Ok(3));
        assert_eq!(parse_dots("0"), Ok(0));
        assert!(parse_dots("-1").is_err());
        assert!(parse_dots("kaksi").is_err());
        assert!(parse_dots("1000").is_err());
    }

    #[test]
    fn ranking_ties_share_a_rank_and_the_next_rank_skips() {
        let ideas = vec![("c", 3, 2), ("a", 5, 3), ("b", 3, 2), ("d", 1, 1)];
        let ranked = rank(ideas, |(_, dots, voters)| Tally {
            dots: *dots,
            voters: *voters,
        });
        let got: Vec<(u32, &str)> = ranked.iter().map(|(r, (n, _, _))| (*r, *n)).collect();
        assert_eq!(got, vec![(1, "a"), (2, "c"), (2, "b"), (4, "d")]);
    }

    #[test]
    fn more_voters_break_a_tie_in_dots() {
        let ideas = vec![("one voter", 4, 1), ("four voters", 4, 4)];
        let ranked = rank(ideas, |(_, dots, voters)| Tally {
            dots: *dots,
            voters: *voters,
        });
        assert_eq!(ranked[0], (1, ("four voters", 4, 4)));
        assert_eq!(ranked[1], (2, ("one voter", 4, 1)));
    }

    #[test]
    fn ideas_without_dots_share_the_last_rank() {
        let ranked = rank(vec![0u32, 2, 0], |d| Tally {
            dots: *d,
            voters: u32::from(*d > 0),
        });
        let ranks: Vec<u32> = ranked.iter().map(|(r, _)| *r).collect();
        assert_eq!(ranks, vec![1, 2, 2]);
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("a time")
    }

    #[test]
    fn a_window_is_open_from_its_opening_up_to_its_closing() {
        let w = Window::new(ts("2023-06-05T06:00:00Z"), ts("2023-06-05T13:00:00Z")).expect("valid");
        assert!(!w.is_open_at(ts("2023-06-05T05:59:59Z")));
        assert!(w.is_open_at(ts("2023-06-05T06:00:00Z")));
        assert!(w.is_open_at(ts("2023-06-05T12:59:59Z")));
        assert!(!w.is_open_at(ts("2023-06-05T13:00:00Z")));
        assert_eq!(
            w.refusal_at(ts("2023-06-05T13:00:00Z")),
            Some(Invalid::new("error-workshop-closed"))
        );
        assert_eq!(
            w.refusal_at(ts("2023-06-05T05:00:00Z")),
            Some(Invalid::new("error-workshop-not-open-yet"))
        );
    }

    #[test]
    fn a_window_must_close_after_it_opens() {
        let t = ts("2023-06-05T06:00:00Z");
        assert_eq!(
            Window::new(t, t),
            Err(Invalid::new("error-workshop-window"))
        );
    }

    #[test]
    fn a_generated_code_has_eight_unambiguous_characters_and_parses_back() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..200 {
            let code = JoinCode::generate(&mut rng);
            assert_eq!(code.as_str().len(), 8);
            assert!(!code.as_str().contains(['0', 'O', '1', 'I']));
            assert_eq!(JoinCode::parse(&code.to_string()), Ok(code));
        }
    }

    #[test]
    fn a_code_is_read_regardless_of_case_spaces_and_dashes() {
        let code = JoinCode::parse("abcd-efgh").expect("valid");
        assert_eq!(code.as_str(), "ABCDEFGH");
        assert_eq!(JoinCode::parse(" ab cd ef gh "), Ok(code.clone()));
        assert_eq!(code.to_string(), "ABCD-EFGH");
    }

    #[test]
    fn a_code_with_ambiguous_or_missing_characters_is_refused() {
        let bad = Err(Invalid::new("error-workshop-code"));
        assert_eq!(JoinCode::parse("ABCD-EFG0"), bad);
        assert_eq!(JoinCode::parse("ABCDEFGI"), bad);
        assert_eq!(JoinCode::parse("ABCDEFG"), bad);
        assert_eq!(JoinCode::parse("ABCDEFGHJ"), bad);
        assert_eq!(JoinCode::parse("ÄBCDEFGH"), bad);
    }

    #[test]
    fn a_display_name_is_one_line_of_at_most_sixty_characters() {
        assert_eq!(
            DisplayName::parse("  Maija  ").expect("valid").as_str(),
            "Maija"
        );
        assert_eq!(
            DisplayName::parse(" "),
            Err(Invalid::new("error-workshop-name-required"))
        );
        assert_eq!(
            DisplayName::parse(&"a".repeat(61)),
            Err(Invalid::new("error-workshop-name-invalid"))
        );
        assert!(DisplayName::parse(&"ä".repeat(60)).is_ok());
        assert_eq!(
            DisplayName::parse("Maija\nMallikas"),
            Err(Invalid::new("error-workshop-name-invalid"))
        );
    }

    #[test]
    fn an_idea_may_span_lines_but_not_be_empty() {
        assert!(IdeaText::parse("Yhteinen\nrekrytointitapahtuma").is_ok());
        assert_eq!(
            IdeaText::parse("  "),
            Err(Invalid::new("error-workshop-idea-required"))
        );
        assert_eq!(
            IdeaText::parse(&"x".repeat(1001)),
            Err(Invalid::new("error-workshop-idea-invalid"))
        );
    }

    fn input() -> WorkshopInput {
        WorkshopInput {
            title: "Työelämäyhteistyön työpaja".into(),
            held_on: "5.6.2023".into(),
            theme: "Verkostomainen yhteistyö".into(),
            opens_at: "2023-06-05T09:00".into(),
            closes_at: "5.6.2023 16.00".into(),
            vote_budget: "5".into(),
            vote_cap: "".into(),
            anonymous_votes: true,
        }
    }

    #[test]
    fn a_workshop_form_is_read_in_finnish_time() {
        let d = input().validate().expect("valid");
        assert_eq!(d.held_on, time::macros::date!(2023 - 06 - 05));
        // Summer time in Helsinki is UTC+3.
        assert_eq!(d.window.opens_at(), ts("2023-06-05T06:00:00Z"));
        assert_eq!(d.window.closes_at(), ts("2023-06-05T13:00:00Z"));
        assert_eq!(d.rules.budget(), 5);
        assert_eq!(d.rules.cap_per_idea(), None);
    }

    #[test]
    fn a_workshop_form_reports_every_bad_field() {
        let bad = WorkshopInput {
            title: "".into(),
            closes_at: "2023-06-05T08:00".into(),
            vote_budget: "5".into(),
            vote_cap: "9".into(),
            ..input()
        };
        let errors = bad.validate().expect_err("refused");
        assert_eq!(errors.get("title"), Some(&"error-workshop-title-required"));
        assert_eq!(errors.get("closes_at"), Some(&"error-workshop-window"));
        assert_eq!(errors.get("vote_cap"), Some(&"error-workshop-cap"));
        assert_eq!(errors.get("held_on"), None);
    }

    #[test]
    fn a_time_that_is_not_a_time_is_refused() {
        assert!(parse_local_time("huomenna").is_err());
        assert!(parse_local_time("2023-06-05T25:00").is_err());
        assert!(parse_local_time("2023-06-05").is_err());
    }
}
