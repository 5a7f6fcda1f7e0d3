//! The pure part of the demo: a whole network planned from a seed and a date, with no I/O. The
//! same seed and day give the same plan; `write` stores it.

use super::anchors::{Anchor, ANCHORS, HITSAAMO, LHKK};
use super::words::{self, Place, Sector, PLACES, SECTORS, STAFF, SURNAMES};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration};
use vaski_domain::account::Role;
use vaski_domain::network::organisation::{normalised_name, OrganisationInput};
use vaski_domain::network::person::PersonInput;
use vaski_domain::network::search::fold;
use vaski_domain::network::{
    AgreementKind, BusinessId, CooperationForm, InteractionKind, OrganisationKind,
    OrganisationStatus,
};

/// How many organisations the demo network has.
pub const ORGANISATIONS: usize = 300;
/// How far back interactions go.
const HISTORY_DAYS: i64 = 3 * 365;
/// How far back partnerships go.
const PARTNER_DAYS: i64 = 10 * 365;

/// A user of the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPlan {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// For a partner user: the organisation (index in `organisations`) they represent.
    pub organisation: Option<usize>,
}

/// An organisation with everything filed directly on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationPlan {
    pub input: OrganisationInput,
    pub kind: OrganisationKind,
    pub status: OrganisationStatus,
    pub partner_since: Date,
    /// Owners, as indices in `users`.
    pub owners: Vec<usize>,
    pub domain: String,
    /// Index in `words::SECTORS` for companies.
    pub sector: Option<usize>,
    /// An active partner that has had no interaction for over a year.
    pub quiet: bool,
    pub key: Option<&'static str>,
}

/// A contact person, and where they moved if they did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPlan {
    pub input: PersonInput,
    pub organisation: usize,
    pub start_on: Date,
    pub moved: Option<MovePlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovePlan {
    pub organisation: usize,
    pub title: String,
    pub email: String,
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpPlan {
    pub on: Date,
    /// Index in `users`.
    pub assignee: usize,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionPlan {
    pub organisation: usize,
    /// The staff member who logged it (index in `users`).
    pub author: usize,
    pub kind: InteractionKind,
    pub date: Date,
    pub our_participants: String,
    pub their_participants: Option<String>,
    pub notes: String,
    pub follow_up: Option<FollowUpPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementPlan {
    pub organisation: usize,
    pub other_parties: Vec<usize>,
    pub title: String,
    pub kind: AgreementKind,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub reminder_days: i64,
    pub notes: Option<String>,
    /// The staff member who filed it (index in `users`).
    pub author: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectPlan {
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub members: Vec<usize>,
}

/// The whole demo network, planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoNetwork {
    pub seed: u64,
    pub today: Date,
    pub users: Vec<UserPlan>,
    pub organisations: Vec<OrganisationPlan>,
    pub people: Vec<PersonPlan>,
    pub interactions: Vec<InteractionPlan>,
    pub agreements: Vec<AgreementPlan>,
    pub projects: Vec<ProjectPlan>,
}

impl DemoNetwork {
    /// Plans the network of `seed` as it stands on `today`.
    pub fn generate(seed: u64, today: Date) -> DemoNetwork {
        let mut g = Generator {
            rng: StdRng::seed_from_u64(seed),
            today,
            names: BTreeSet::new(),
            business_ids: BTreeSet::new(),
            emails: BTreeSet::new(),
            keys: BTreeMap::new(),
            net: DemoNetwork {
                seed,
                today,
                users: Vec::new(),
                organisations: Vec::new(),
                people: Vec::new(),
                interactions: Vec::new(),
                agreements: Vec::new(),
                projects: Vec::new(),
            },
        };
        g.users();
        g.anchors();
        g.companies();
        g.projects();
        g.owners();
        g.people();
        g.moves();
        g.partner_user();
        g.interactions();
        g.agenda();
        g.agreements();
        g.net
    }

    /// The organisation an anchor key names.
    #[cfg(test)]
    pub fn by_key(&self, key: &str) -> Option<usize> {
        self.organisations.iter().position(|o| o.key == Some(key))
    }

    /// Index of the demo administrator in `users`.
    pub fn admin(&self) -> usize {
        0
    }
}

struct Generator {
    rng: StdRng,
    today: Date,
    names: BTreeSet<String>,
    business_ids: BTreeSet<String>,
    emails: BTreeSet<String>,
    keys: BTreeMap<&'static str, usize>,
    net: DemoNetwork,
}

/// The staff users who can own partnerships (all but the viewer), as indices in `users`.
fn owner_candidates() -> impl Iterator<Item = usize> {
    STAFF
        .iter()
        .enumerate()
        .filter(|(_, s)| s.role != "viewer")
        .map(|(i, _)| i)
}

fn ascii_slug(s: &str) -> String {
    fold(s).replace(' ', ".")
}

fn finnish_date(d: Date) -> String {
    format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year())
}

fn place(name: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.name == name)
}

impl Generator {
    fn days_ago(&self, days: i64) -> Date {
        self.today - Duration::days(days)
    }

    fn random_days_ago(&mut self, days: std::ops::Range<i64>) -> Date {
        let d = self.rng.gen_range(days);
        self.days_ago(d)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        // Every list picked from is a non-empty constant or is checked before.
        &items[self.rng.gen_range(0..items.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p.clamp(0.0, 1.0))
    }

    fn date_between(&mut self, from: Date, to: Date) -> Date {
        let span = (to - from).whole_days();
        if span <= 0 {
            return from;
        }
        from + Duration::days(self.rng.gen_range(0..=span))
    }

    fn business_id(&mut self) -> String {
        loop {
            let body: u32 = self.rng.gen_range(100_000..3_400_000);
            if let Some(id) = BusinessId::from_body(body) {
                let id = id.as_str().to_string();
                if self.business_ids.insert(id.clone()) {
                    return id;
                }
            }
        }
    }

    fn phone(&mut self) -> String {
        let prefix = if self.chance(0.55) { "040" } else { "050" };
        format!(
            "{prefix} {:03} {:04}",
            self.rng.gen_range(100..1000),
            self.rng.gen_range(0..10_000)
        )
    }

    fn person_name(&mut self) -> (&'static str, &'static str) {
        let first = *self.pick(words::FIRST_NAMES);
        let (last, _) = *self.pick(SURNAMES);
        (first, last)
    }

    /// A unique address at the domain for the person.
    fn email(&mut self, first: &str, last: &str, domain: &str) -> String {
        let base = format!("{}.{}", ascii_slug(first), ascii_slug(last));
        let mut n = 1;
        loop {
            let email = if n == 1 {
                format!("{base}@{domain}")
            } else {
                format!("{base}{n}@{domain}")
            };
            if self.emails.insert(email.clone()) {
                return email;
            }
            n += 1;
        }
    }

    fn users(&mut self) {
        for s in STAFF {
            let role = Role::parse(s.role).unwrap_or(Role::Staff);
            let email = if self.net.users.is_empty() {
                super::DEMO_EMAIL.to_string()
            } else {
                format!(
                    "{}.{}@lhkk.example",
                    ascii_slug(s.first),
                    ascii_slug(s.last)
                )
            };
            self.emails.insert(email.clone());
            self.net.users.push(UserPlan {
                email,
                name: format!("{} {}", s.first, s.last),
                role,
                organisation: None,
            });
        }
    }

    fn partner_since(&mut self) -> Date {
        // More partners join every year: the network is growing. Year k back has weight 14 - k.
        let years = PARTNER_DAYS / 365;
        let total: i64 = (0..years).map(|k| 14 - k).sum();
        let mut r = self.rng.gen_range(0..total);
        let mut k = 0;
        while k + 1 < years && r >= 14 - k {
            r -= 14 - k;
            k += 1;
        }
        self.random_days_ago(k * 365 + 1..(k + 1) * 365)
    }

    fn address(&mut self, municipality: &str) -> String {
        let street = *self.pick(words::STREETS);
        let number = self.rng.gen_range(1..60);
        match place(municipality) {
            Some(p) => format!("{street} {number}, {} {}", p.postcode, p.name),
            None => format!("{street} {number}, {municipality}"),
        }
    }

    fn anchors(&mut self) {
        for a in ANCHORS {
            let sector = a
                .sector
                .and_then(|k| SECTORS.iter().position(|s| s.key == k));
            let since = if a.kind == OrganisationKind::Company {
                self.random_days_ago(1500..3400)
            } else {
                self.random_days_ago(1800..PARTNER_DAYS)
            };
            let cooperation = anchor_forms(a);
            let address = self.address(a.municipality);
            let input = OrganisationInput {
                name: a.name.to_string(),
                business_id: self.business_id(),
                kind: a.kind.code().to_string(),
                industry: a.industry.to_string(),
                municipality: a.municipality.to_string(),
                address,
                website: format!("https://www.{}", a.domain),
                tags: a.tags.to_string(),
                cooperation: cooperation.iter().map(|c| c.code().to_string()).collect(),
                status: OrganisationStatus::Active.code().to_string(),
                notes: a.notes.unwrap_or_default().to_string(),
            };
            self.names.insert(normalised_name(a.name));
            self.keys.insert(a.key, self.net.organisations.len());
            self.net.organisations.push(OrganisationPlan {
                input,
                kind: a.kind,
                status: OrganisationStatus::Active,
                partner_since: since,
                owners: Vec::new(),
                domain: a.domain.to_string(),
                sector,
                quiet: false,
                key: Some(a.key),
            });
        }
    }

    fn pick_sector(&mut self) -> usize {
        let total: u32 = SECTORS.iter().map(|s| s.weight).sum();
        let mut r = self.rng.gen_range(0..total);
        for (i, s) in SECTORS.iter().enumerate() {
            if r < s.weight {
                return i;
            }
            r -= s.weight;
        }
        0
    }

    fn pick_place(&mut self) -> &'static Place {
        let total: u32 = PLACES.iter().map(|p| p.weight).sum();
        let mut r = self.rng.gen_range(0..total);
        for p in PLACES {
            if r < p.weight {
                return p;
            }
            r -= p.weight;
        }
        &PLACES[0]
    }

    /// A company name for the sector, its municipality and TOL division; unique in the network.
    fn company_name(&mut self, sector: &'static Sector) -> (String, &'static str, &'static str) {
        loop {
            let (trade, tol) = *self.pick(sector.trades);
            let mut municipality = self.pick_place().name;
            let form = match self.rng.gen_range(0..100) {
                0..=74 => "Oy",
                75..=89 => "Ky",
                90..=94 => "Ay",
                _ => "Tmi",
            };
            let (last, last_gen) = *self.pick(SURNAMES);
            let with_form = |base: String| {
                if form == "Tmi" {
                    format!("Tmi {base}")
                } else {
                    format!("{base} {form}")
                }
            };
            let name = match self.rng.gen_range(0..100) {
                0..=29 => {
                    let p = self.pick_place();
                    municipality = p.name;
                    with_form(format!("{} {trade}", p.genitive))
                }
                30..=49 => with_form(format!("{last_gen} {trade}")),
                50..=64 => with_form(format!("{trade} {last}")),
                65..=74 => {
                    let prefix = *self.pick(words::REGIONAL);
                    with_form(format!("{prefix} {trade}"))
                }
                75..=82 => {
                    let (village, m) = *self.pick(words::VILLAGES);
                    municipality = m;
                    with_form(format!("{village} {trade}"))
                }
                83..=91 if !sector.brand_ends.is_empty() => {
                    let start = *self.pick(words::BRAND_STARTS);
                    let end = *self.pick(sector.brand_ends);
                    format!("{start}{end} Oy")
                }
                _ => format!("Tmi {trade} {last}"),
            };
            if self.names.insert(normalised_name(&name)) {
                return (name, municipality, tol);
            }
        }
    }

    fn domain_for(&self, name: &str) -> String {
        const FORMS: &[&str] = &["oy", "ky", "ay", "tmi", "ry"];
        let words: Vec<String> = fold(name)
            .split(' ')
            .filter(|w| !w.is_empty() && !FORMS.contains(w))
            .map(str::to_string)
            .collect();
        format!("{}.example", words.join(""))
    }

    fn company_forms(&mut self, sector: &Sector) -> Vec<CooperationForm> {
        let mut forms = Vec::new();
        let mut add = |on: bool, f: CooperationForm| {
            if on {
                forms.push(f);
            }
        };
        add(self.rng.gen_bool(0.75), CooperationForm::WorkplaceLearning);
        add(self.rng.gen_bool(0.35), CooperationForm::Apprenticeship);
        add(self.rng.gen_bool(0.3), CooperationForm::Recruitment);
        add(self.rng.gen_bool(0.2), CooperationForm::TrainingPurchase);
        add(
            sector.shares_equipment && self.rng.gen_bool(0.25),
            CooperationForm::SharedEquipment,
        );
        add(
            sector.develops && self.rng.gen_bool(0.2),
            CooperationForm::ResearchAndDevelopment,
        );
        add(self.rng.gen_bool(0.1), CooperationForm::GuestTeaching);
        if forms.is_empty() {
            forms.push(CooperationForm::WorkplaceLearning);
        }
        forms
    }

    fn company_tags(&mut self, sector: &'static Sector) -> String {
        let mut tags: Vec<&str> = sector.tags.to_vec();
        tags.shuffle(&mut self.rng);
        let n = self.rng.gen_range(1..=3.min(tags.len()));
        tags.truncate(n);
        for (tag, p) in [
            ("vastuullisuus", 0.12),
            ("kesätyöt", 0.1),
            ("virta", 0.12),
            ("kansainvälinen", 0.05),
            ("oppisopimus", 0.1),
        ] {
            if self.chance(p) && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags.join(", ")
    }

    fn companies(&mut self) {
        while self.net.organisations.len() < ORGANISATIONS {
            let si = self.pick_sector();
            let sector = &SECTORS[si];
            let (name, municipality, tol) = self.company_name(sector);
            let status = match self.rng.gen_range(0..100) {
                0..=77 => OrganisationStatus::Active,
                78..=86 => OrganisationStatus::Prospect,
                87..=94 => OrganisationStatus::Dormant,
                _ => OrganisationStatus::Ended,
            };
            let since = match status {
                OrganisationStatus::Prospect => self.random_days_ago(5..540),
                // A partnership that has gone quiet or ended began years ago.
                OrganisationStatus::Dormant | OrganisationStatus::Ended => {
                    self.random_days_ago(800..PARTNER_DAYS)
                }
                _ => self.partner_since(),
            };
            let quiet = status == OrganisationStatus::Active
                && (self.today - since).whole_days() > 500
                && self.chance(0.07);
            let forms = if status == OrganisationStatus::Prospect {
                Vec::new()
            } else {
                self.company_forms(sector)
            };
            let notes = self.company_notes(sector, &forms);
            let address = self.address(municipality);
            let domain = self.domain_for(&name);
            let input = OrganisationInput {
                name,
                business_id: self.business_id(),
                kind: OrganisationKind::Company.code().to_string(),
                industry: tol.to_string(),
                municipality: municipality.to_string(),
                address,
                website: if self.chance(0.85) {
                    format!("https://www.{domain}")
                } else {
                    String::new()
                },
                tags: self.company_tags(sector),
                cooperation: forms.iter().map(|f| f.code().to_string()).collect(),
                status: status.code().to_string(),
                notes,
            };
            self.net.organisations.push(OrganisationPlan {
                input,
                kind: OrganisationKind::Company,
                status,
                partner_since: since,
                owners: Vec::new(),
                domain,
                sector: Some(si),
                quiet,
                key: None,
            });
        }
    }

    fn company_notes(&mut self, sector: &'static Sector, forms: &[CooperationForm]) -> String {
        if self.chance(0.45) {
            return String::new();
        }
        let occupation = *self.pick(sector.occupations);
        let n = self.rng.gen_range(1..5);
        if forms.contains(&CooperationForm::WorkplaceLearning) && self.chance(0.5) {
            format!(
                "Ottaa vuosittain {n} opiskelijaa työpaikalla järjestettävään koulutukseen ({}).",
                sector.qualification
            )
        } else if forms.contains(&CooperationForm::Recruitment) {
            format!("Tarvitsee jatkuvasti {occupation}; kiinnostunut valmistuvista opiskelijoista.")
        } else {
            format!("Mahdollinen kumppani: hakee {occupation}, yhteyshenkilö vaihtunut hiljattain.")
        }
    }

    fn key(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// Active companies of a sector, for project members and agreements.
    fn active_companies(&self, sector: &str) -> Vec<usize> {
        self.net
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.kind == OrganisationKind::Company
                    && o.status == OrganisationStatus::Active
                    && !o.quiet
                    && o.sector.is_some_and(|s| SECTORS[s].key == sector)
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn projects(&mut self) {
        let year_start = |g: &Generator, years_back: i64| g.days_ago(years_back * 365);
        struct Spec {
            name: &'static str,
            keys: &'static [&'static str],
            sectors: &'static [(&'static str, usize)],
            start_years_ago: i64,
            length_years: i64,
        }
        const SPECS: &[Spec] = &[
            Spec {
                name: "Vaski – työelämäyhteistyön kehittäminen",
                keys: &[
                    LHKK, "hamk", "tavastia", "livia", "forssa", "virta", "fyk", HITSAAMO,
                ],
                sectors: &[("metal", 2), ("care", 1), ("logistics", 1), ("ict", 1)],
                start_years_ago: 3,
                length_years: 4,
            },
            Spec {
                name: "Virta – työllisyyden kohtaantohanke",
                keys: &[
                    "virta",
                    "tyollisyysalue",
                    "te",
                    "ohjaamo",
                    LHKK,
                    "forssa",
                    "jokioinen",
                    "tammela",
                    "ypaja",
                    "humppila",
                ],
                sectors: &[
                    ("care", 1),
                    ("logistics", 1),
                    ("cleaning", 1),
                    ("retail", 1),
                ],
                start_years_ago: 2,
                length_years: 3,
            },
            Spec {
                name: "Lounais-Hämeen kiertotalouden oppimisympäristöt",
                keys: &[LHKK, "hamk", "luke", "syke", "lab", "fyk"],
                sectors: &[("environment", 2), ("wood", 2), ("metal", 1)],
                start_years_ago: 1,
                length_years: 3,
            },
            Spec {
                name: "Ruokaketjun osaajat Forssan seudulla",
                keys: &["luke", "hamk", LHKK, "livia", "mtk", "helsinki"],
                sectors: &[("food", 3), ("agriculture", 3)],
                start_years_ago: 2,
                length_years: 2,
            },
            Spec {
                name: "Konepajojen digiloikka",
                keys: &[
                    LHKK,
                    "hamk",
                    "vtt",
                    "tavastia",
                    "kauppakamari",
                    "jokioistenkonepaja",
                ],
                sectors: &[("metal", 4), ("industry", 2)],
                start_years_ago: 1,
                length_years: 2,
            },
            Spec {
                name: "Hoiva-alan osaajat Lounais-Hämeeseen",
                keys: &[LHKK, "omahame", "hamk", "forssa", "mielenterveys"],
                sectors: &[("care", 4)],
                start_years_ago: 4,
                length_years: 3,
            },
            Spec {
                name: "Hevosalan oppimisympäristöt Ypäjällä",
                keys: &["hevosopisto", LHKK, "ypaja", "luke", "ypajanyrittajat"],
                sectors: &[("horse", 3)],
                start_years_ago: 1,
                length_years: 2,
            },
        ];
        for spec in SPECS {
            let mut members: Vec<usize> = spec.keys.iter().filter_map(|k| self.key(k)).collect();
            for (sector, n) in spec.sectors {
                let mut candidates = self.active_companies(sector);
                candidates.shuffle(&mut self.rng);
                let fresh: Vec<usize> = candidates
                    .into_iter()
                    .filter(|c| !members.contains(c))
                    .take(*n)
                    .collect();
                members.extend(fresh);
            }
            let starts_on =
                year_start(self, spec.start_years_ago) - Duration::days(self.rng.gen_range(0..120));
            let ends_on = starts_on + Duration::days(spec.length_years * 365);
            for m in &members {
                let input = &mut self.net.organisations[*m].input;
                if !input.cooperation.iter().any(|c| c == "projects") {
                    input
                        .cooperation
                        .push(CooperationForm::Projects.code().to_string());
                }
            }
            self.net.projects.push(ProjectPlan {
                name: spec.name.to_string(),
                starts_on,
                ends_on,
                members,
            });
        }
    }

    fn owners(&mut self) {
        let admin = 0;
        let candidates: Vec<usize> = owner_candidates().collect();
        for i in 0..self.net.organisations.len() {
            let o = &self.net.organisations[i];
            if o.key == Some(LHKK) {
                continue;
            }
            let primary = match (o.key, o.sector) {
                (Some(k), _) => ANCHORS
                    .iter()
                    .find(|a| a.key == k)
                    .map(|a: &Anchor| a.owner)
                    .unwrap_or(admin),
                (None, Some(s)) => SECTORS[s].owner,
                (None, None) => admin,
            };
            let r: f64 = self.rng.gen();
            let prospect = o.status == OrganisationStatus::Prospect;
            let is_anchor = o.key.is_some();
            let count = if !is_anchor && (r < 0.025 || (prospect && r < 0.15)) {
                0
            } else if r < 0.17 {
                1
            } else if r < 0.66 {
                2
            } else {
                3
            };
            let mut owners = Vec::new();
            if count > 0 {
                owners.push(primary);
            }
            while owners.len() < count {
                // The coordinator owns many partnerships; the others share the rest.
                let pick = if self.chance(0.3) {
                    admin
                } else {
                    *self.pick(&candidates)
                };
                if !owners.contains(&pick) {
                    owners.push(pick);
                }
            }
            self.net.organisations[i].owners = owners;
        }
    }

    fn contact_title(&mut self, o: &OrganisationPlan, first: bool) -> String {
        let titles: &[&str] = match (o.sector, o.kind) {
            (Some(s), _) => SECTORS[s].titles,
            (None, OrganisationKind::PublicBody) => &[
                "elinvoimajohtaja",
                "henkilöstöpäällikkö",
                "sivistysjohtaja",
                "työllisyyspäällikkö",
                "palvelupäällikkö",
            ],
            (None, OrganisationKind::VocationalInstitution) => &[
                "koulutuspäällikkö",
                "rehtori",
                "opettaja",
                "kehittämispäällikkö",
            ],
            (None, OrganisationKind::University) => &[
                "lehtori",
                "yliopettaja",
                "TKI-asiantuntija",
                "tutkimuspäällikkö",
            ],
            (None, OrganisationKind::ResearchInstitute) => {
                &["erikoistutkija", "tutkimusinsinööri", "tutkimuspäällikkö"]
            }
            (None, OrganisationKind::Association) => {
                &["toiminnanjohtaja", "puheenjohtaja", "hallituksen jäsen"]
            }
            (None, OrganisationKind::EmploymentService) => &[
                "työllisyyskoordinaattori",
                "työvalmentaja",
                "palveluohjaaja",
                "yritysasiantuntija",
            ],
            (None, _) => &["yritysneuvoja", "toimitusjohtaja", "kehittämispäällikkö"],
        };
        if first {
            titles[0].to_string()
        } else {
            (*self.pick(titles)).to_string()
        }
    }

    fn lawful_basis(&mut self, start: Date) -> String {
        match self.rng.gen_range(0..100) {
            0..=54 => words::LAWFUL_CONTRACT.to_string(),
            55..=84 => words::LAWFUL_INTEREST.to_string(),
            _ => format!(
                "{} (annettu {}).",
                words::LAWFUL_CONSENT,
                finnish_date(start)
            ),
        }
    }

    fn people(&mut self) {
        for i in 0..self.net.organisations.len() {
            let o = self.net.organisations[i].clone();
            if o.key == Some(LHKK) {
                continue;
            }
            let small = o.input.name.starts_with("Tmi ") || o.input.name.ends_with(" Ay");
            let n = if o.key.is_some() && o.kind != OrganisationKind::Company {
                self.rng.gen_range(2..=4)
            } else if small {
                1
            } else {
                match self.rng.gen_range(0..100) {
                    0..=24 => 1,
                    25..=69 => 2,
                    _ => 3,
                }
            };
            for k in 0..n {
                let (first, last) = self.person_name();
                let title = self.contact_title(&o, k == 0);
                let start_on = self.date_between(
                    o.partner_since,
                    (o.partner_since + Duration::days(400)).min(self.today),
                );
                let email = self.email(first, last, &o.domain);
                let input = PersonInput {
                    name: format!("{first} {last}"),
                    title,
                    email,
                    phone: self.phone(),
                    lawful_basis: self.lawful_basis(start_on),
                };
                self.net.people.push(PersonPlan {
                    input,
                    organisation: i,
                    start_on,
                    moved: None,
                });
            }
        }
    }

    /// Some contacts changed jobs within the network.
    fn moves(&mut self) {
        let mut done = 0;
        let mut guard = 0;
        while done < 24 && guard < 2000 {
            guard += 1;
            let p = self.rng.gen_range(0..self.net.people.len());
            let person = self.net.people[p].clone();
            let from = self.net.organisations[person.organisation].clone();
            if person.moved.is_some()
                || from.kind != OrganisationKind::Company
                || from.key.is_some()
                || (self.today - person.start_on).whole_days() < 400
            {
                continue;
            }
            // Most move within their field; some to public employers.
            let targets: Vec<usize> = if self.chance(0.8) {
                let sector = from.sector.map(|s| SECTORS[s].key).unwrap_or("metal");
                self.active_companies(sector)
            } else {
                ["forssa", "omahame", "jokioinen", "tammela"]
                    .iter()
                    .filter_map(|k| self.key(k))
                    .collect()
            };
            let targets: Vec<usize> = targets
                .into_iter()
                .filter(|t| *t != person.organisation)
                .collect();
            if targets.is_empty() {
                continue;
            }
            let to = *self.pick(&targets);
            let start = person.start_on + Duration::days(180);
            let on = self.date_between(start, self.today - Duration::days(30));
            let on = on.max(self.net.organisations[to].partner_since);
            if on >= self.today {
                continue;
            }
            let target = self.net.organisations[to].clone();
            let title = self.contact_title(&target, false);
            let name = self.net.people[p].input.name.clone();
            let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), ""));
            let email = self.email(first, last, &target.domain);
            self.net.people[p].moved = Some(MovePlan {
                organisation: to,
                title,
                email,
                on,
            });
            done += 1;
        }
    }

    /// The entrepreneur of the welding shop logs in as a partner user.
    fn partner_user(&mut self) {
        let Some(org) = self.key(HITSAAMO) else {
            return;
        };
        let email = "yrittaja@hitsaamo.example".to_string();
        let Some(p) = self
            .net
            .people
            .iter()
            .position(|p| p.organisation == org && p.moved.is_none())
        else {
            return;
        };
        let person = &mut self.net.people[p];
        self.emails.remove(&person.input.email);
        person.input.email = email.clone();
        person.input.title = "yrittäjä, toimitusjohtaja".to_string();
        person.input.lawful_basis = words::LAWFUL_CONTRACT.to_string();
        let name = person.input.name.clone();
        self.emails.insert(email.clone());
        self.net.users.push(UserPlan {
            email,
            name,
            role: Role::Partner,
            organisation: Some(org),
        });
    }

    /// The people at an organisation on a day.
    fn contacts_at(&self, org: usize, on: Date) -> Vec<&str> {
        self.net
            .people
            .iter()
            .filter(|p| {
                let here_before = p.organisation == org
                    && p.start_on <= on
                    && p.moved.as_ref().is_none_or(|m| m.on > on);
                let here_after = p
                    .moved
                    .as_ref()
                    .is_some_and(|m| m.organisation == org && m.on <= on);
                here_before || here_after
            })
            .map(|p| p.input.name.as_str())
            .collect()
    }

    fn staff_name(&self, user: usize) -> &str {
        &self.net.users[user].name
    }

    fn interaction_kind(&mut self, kind: OrganisationKind) -> InteractionKind {
        let weights: [(InteractionKind, u32); 6] = match kind {
            OrganisationKind::Company => [
                (InteractionKind::Visit, 32),
                (InteractionKind::Call, 25),
                (InteractionKind::Meeting, 14),
                (InteractionKind::Email, 19),
                (InteractionKind::Event, 7),
                (InteractionKind::Other, 3),
            ],
            _ => [
                (InteractionKind::Visit, 12),
                (InteractionKind::Call, 18),
                (InteractionKind::Meeting, 40),
                (InteractionKind::Email, 18),
                (InteractionKind::Event, 10),
                (InteractionKind::Other, 2),
            ],
        };
        let total: u32 = weights.iter().map(|(_, w)| w).sum();
        let mut r = self.rng.gen_range(0..total);
        for (k, w) in weights {
            if r < w {
                return k;
            }
            r -= w;
        }
        InteractionKind::Other
    }

    fn interactions(&mut self) {
        let staff: Vec<usize> = owner_candidates().collect();
        let history_start = self.days_ago(HISTORY_DAYS);
        for i in 0..self.net.organisations.len() {
            let o = self.net.organisations[i].clone();
            if o.key == Some(LHKK) {
                self.institution_events(i);
                continue;
            }
            let start = o.partner_since.max(history_start);
            let (start, end, rate) = match o.status {
                OrganisationStatus::Active if o.quiet => {
                    let end = self.random_days_ago(380..900);
                    (start, end, self.rng.gen_range(1.0..3.0))
                }
                OrganisationStatus::Active => {
                    let rate = match o.kind {
                        OrganisationKind::Company => self.rng.gen_range(3.0..9.0),
                        OrganisationKind::EmploymentService => self.rng.gen_range(8.0..14.0),
                        OrganisationKind::PublicBody | OrganisationKind::VocationalInstitution => {
                            self.rng.gen_range(5.0..10.0)
                        }
                        OrganisationKind::University => self.rng.gen_range(5.0..9.0),
                        _ => self.rng.gen_range(2.5..6.0),
                    };
                    (start, self.today, rate)
                }
                OrganisationStatus::Prospect => (start.max(self.days_ago(180)), self.today, 2.0),
                OrganisationStatus::Dormant => {
                    let end = self.random_days_ago(420..1000);
                    (start, end, 2.0)
                }
                OrganisationStatus::Ended => {
                    let end = self.random_days_ago(200..900);
                    (start, end, 1.5)
                }
            };
            if end < start {
                continue;
            }
            let years = (end - start).whole_days() as f64 / 365.0;
            let mut n = (years * rate * self.rng.gen_range(0.6..1.4)).round() as usize;
            if n == 0 && (o.status == OrganisationStatus::Active || self.chance(0.5)) {
                n = 1;
            }
            let mut dates: Vec<Date> = (0..n).map(|_| self.date_between(start, end)).collect();
            // An active partner that is not quiet has been met within the year.
            if o.status == OrganisationStatus::Active
                && !o.quiet
                && !dates.iter().any(|d| (self.today - *d).whole_days() < 300)
            {
                let recent = self.date_between(self.days_ago(280).max(start), self.today);
                dates.push(recent);
            }
            if o.quiet && !dates.is_empty() {
                // The last contact a while ago, to show in the dormant list.
                dates.push(end);
            }
            dates.sort();
            for date in dates {
                let author = match o.owners.as_slice() {
                    [] => *self.pick(&staff),
                    owners => *self.pick(owners),
                };
                let plan = self.interaction(i, &o, author, date, &staff);
                self.net.interactions.push(plan);
            }
        }
    }

    fn interaction(
        &mut self,
        org: usize,
        o: &OrganisationPlan,
        author: usize,
        date: Date,
        staff: &[usize],
    ) -> InteractionPlan {
        let kind = self.interaction_kind(o.kind);
        let contacts: Vec<String> = self
            .contacts_at(org, date)
            .into_iter()
            .map(str::to_string)
            .collect();
        let contact = if contacts.is_empty() {
            None
        } else {
            Some(self.pick(&contacts).clone())
        };
        let mut ours = self.staff_name(author).to_string();
        if self.chance(0.25) {
            let other = *self.pick(staff);
            if other != author {
                ours = format!("{ours}, {}", self.staff_name(other));
            }
        }
        let theirs = contact.clone().filter(|_| self.chance(0.85));
        let notes = self.note(o, kind, contact.as_deref());
        let follow_up = if self.chance(0.22) {
            let on = date + Duration::days(self.rng.gen_range(7..45));
            let assignee = if self.chance(0.8) || o.owners.is_empty() {
                author
            } else {
                *self.pick(&o.owners)
            };
            let age = (self.today - on).whole_days();
            let done = if age > 120 {
                true
            } else if age > 14 {
                self.chance(0.9)
            } else if age > 0 {
                self.chance(0.5)
            } else {
                false
            };
            Some(FollowUpPlan { on, assignee, done })
        } else {
            None
        };
        InteractionPlan {
            organisation: org,
            author,
            kind,
            date,
            our_participants: ours,
            their_participants: theirs,
            notes,
            follow_up,
        }
    }

    /// Events of the institution itself: the working-life committee twice a year, and the
    /// workshop where the Vaski vision became an action plan.
    fn institution_events(&mut self, org: usize) {
        let admin = 0;
        let mut day = self.days_ago(HISTORY_DAYS);
        while day <= self.today {
            let date = day + Duration::days(self.rng.gen_range(0..30));
            if date <= self.today {
                self.net.interactions.push(InteractionPlan {
                    organisation: org,
                    author: admin,
                    kind: InteractionKind::Meeting,
                    date,
                    our_participants: format!("{}, {}", self.staff_name(admin), self.staff_name(8)),
                    their_participants: None,
                    notes: "Työelämätoimikunnan kokous: käytiin läpi kumppanuuksien tila, yhden omistajan kumppanit ja päättyvät sopimukset.".to_string(),
                    follow_up: None,
                });
            }
            day += Duration::days(182);
        }
        let workshop = time::macros::date!(2023 - 06 - 05);
        if workshop <= self.today {
            self.net.interactions.push(InteractionPlan {
                organisation: org,
                author: admin,
                kind: InteractionKind::Event,
                date: workshop,
                our_participants: "LHKK:n asiantuntijat".to_string(),
                their_participants: None,
                notes: "Vaski-työpaja: visiosta toimintasuunnitelmaan. Teemana työelämäyhteistyö verkostona ja kestävästi; oppimisympäristöjen, tilojen ja koneiden yhteiskäyttö; askelmerkit tuleville vuosille.".to_string(),
                follow_up: None,
            });
        }
    }

    fn note(
        &mut self,
        o: &OrganisationPlan,
        kind: InteractionKind,
        contact: Option<&str>,
    ) -> String {
        let contact = contact.unwrap_or("yhteyshenkilö");
        let season = *self.pick(words::SEASONS);
        let n = self.rng.gen_range(2..6);
        let m = self.rng.gen_range(3..15);
        let Some(s) = o.sector.map(|s| &SECTORS[s]) else {
            return self.anchor_note(o, contact, season, n, m);
        };
        let occupation = *self.pick(s.occupations);
        let training = if self.chance(0.3) {
            *self.pick(words::GENERAL_TRAININGS)
        } else {
            *self.pick(s.trainings)
        };
        let equipment = if s.equipment.is_empty() {
            None
        } else {
            Some(*self.pick(s.equipment))
        };
        let q = s.qualification;
        let options: &[u8] = match kind {
            InteractionKind::Visit => &[0, 2, 5, 6, 8, 9, 11],
            InteractionKind::Call => &[1, 3, 4, 10, 12],
            InteractionKind::Meeting => &[0, 1, 3, 8, 11],
            InteractionKind::Email => &[3, 4, 10, 13],
            InteractionKind::Event => &[7, 14, 15],
            InteractionKind::Other => &[6, 16],
        };
        let choice = *self.pick(options);
        match (choice, equipment) {
            (0, _) => format!("Sovittiin {n} opiskelijan työpaikalla järjestettävästä koulutuksesta {season}. Työpaikkaohjaajana toimii {contact}."),
            (1, _) => format!("Keskusteltu oppisopimuksesta: yritys etsii {occupation} ja voisi ottaa yhden oppisopimuksella ({q})."),
            (2, Some(e)) => format!("Yritys kiinnostunut oppilaitoksen laitteesta ({e}): sovittiin koekäytöstä ja perehdytyksestä ennen ensimmäistä varausta."),
            (3, _) => format!("Koulutustarve: {training} noin {m} työntekijälle. Lähetetään tarjous räätälöidystä koulutuksesta."),
            (4, _) => format!("Rekrytointitarve: {occupation} {season}. Tieto välitetty valmistuville opiskelijoille ja Virta-verkostolle."),
            (5, _) => format!("Ammattitaidon osoittaminen työpaikalla ({q}); opiskelija suoriutui hyvin, {contact} osallistui arviointiin."),
            (6, _) => format!("{contact} osallistui työpaikkaohjaajakoulutukseen; ohjaajia yrityksessä nyt {n}."),
            (8, _) => format!("Yhteistyön vuosikatsaus: koulutussopimusopiskelijoita kuluneena vuonna {n}, palaute myönteistä. Jatketaan samalla mallilla."),
            (9, Some(e)) => format!("Yritys voisi lainata omaa laitettaan ({e}) opetuskäyttöön; selvitetään vakuutukset ja perehdytys."),
            (10, _) => format!("Yritys tarjoaa {n} kesätyöpaikkaa alan opiskelijoille."),
            (11, _) => "Vastuullisuus: yrityksen kiertotalous- ja työturvallisuuskäytännöt esimerkkinä opetukseen; sovittiin opintokäynnistä.".to_string(),
            (12, _) => format!("Puhelu: {contact} kysyi opiskelijoiden saatavuutta {season}."),
            (13, _) => format!("Lähetetty tarjous: {training}, {m} osallistujaa."),
            (14, _) => format!("Rekrytointitapahtuma oppilaitoksella: {contact} haastatteli {m} opiskelijaa."),
            (15, _) => "Työelämäpäivä: yritys esittäytyi opiskelijoille ja kertoi kesätöistä.".to_string(),
            (16, _) => "Palaute työpaikalla järjestettävästä koulutuksesta kerätty ja käsitelty tiimissä.".to_string(),
            _ => format!("Vierailija opetuksessa: {contact} kertoi opiskelijoille alan työtehtävistä ({q})."),
        }
    }

    fn anchor_note(
        &mut self,
        o: &OrganisationPlan,
        contact: &str,
        season: &str,
        n: i32,
        m: i32,
    ) -> String {
        let options: &[&str] = match o.kind {
            OrganisationKind::PublicBody => &[
                "Työpaikalla järjestettävä koulutus organisaation yksiköissä: {n} paikkaa {season}.",
                "Elinvoimatyöryhmä: alueen yritysten osaajatarpeet ja koulutuksen aloituspaikat.",
                "Oppisopimuskoulutus omissa palveluissa: {n} aloituspaikkaa sovittu.",
                "Hankevalmistelu: yhteinen hakemus työllisyys- ja osaamishankkeeseen.",
                "Nuorten kesätyöt: {m} kesätyöpaikkaa, haku opiskelijoille {season}.",
            ],
            OrganisationKind::VocationalInstitution => &[
                "Tilojen ja laitteiden yhteiskäyttö: vertailtiin varauskäytäntöjä ja hinnoittelua.",
                "Yhteinen koulutustarjonta alueen yrityksille; sovittiin työnjaosta.",
                "Opettajavaihto: {n} opettajaa tutustuu toistensa oppimisympäristöihin {season}.",
            ],
            OrganisationKind::University => &[
                "Väyläopinnot: {m} opiskelijaa aloittaa korkeakouluopinnot jo ammatillisen tutkinnon aikana.",
                "TKI-yhteistyö: opinnäytetyöaiheita alueen yrityksistä, {contact} kokoaa listan.",
                "Laboratorioiden yhteiskäyttö: sovittiin varaamisesta ja perehdytyksestä.",
            ],
            OrganisationKind::ResearchInstitute => &[
                "Tutkimusyhteistyö: opiskelijat mukaan kenttäkokeisiin {season}.",
                "Koetilan ja laboratorioiden käyttö opetuksessa: sovittiin turvallisuusperehdytyksestä.",
                "Opintokäynti tutkimuslaitokseen, {m} opiskelijaa; esittelijänä {contact}.",
            ],
            OrganisationKind::Association => &[
                "Yrittäjäilta: esittelimme oppisopimuksen ja työpaikalla järjestettävän koulutuksen mahdollisuudet.",
                "Jäsenkysely osaamistarpeista: vastauksia {m}, eniten kysyntää työturvallisuus- ja digitaitokoulutukselle.",
                "Yhteinen tapahtuma nuorille {season}; {contact} vastaa järjestelyistä.",
            ],
            OrganisationKind::EmploymentService => &[
                "Virta-verkoston tapaaminen: {m} asiakasta ohjattu koulutukseen, {n} työhön.",
                "Kohtaanto: työnhakijoille etsitty työpaikalla järjestettävää koulutusta metalli- ja hoiva-aloilta.",
                "Työvoimakoulutuksen suunnittelu {season}: tarve logistiikan ja hoiva-alan osaajista.",
                "Asiakasohjaus: {n} työnhakijaa ohjattu lyhytkoulutukseen (työturvallisuuskortti, hygieniaosaaminen).",
            ],
            _ => &[
                "Yrityspalvelut: alueelle sijoittuvien yritysten osaajatarpeet ja koulutusyhteistyö.",
                "Envitech-alueen yritykset: yhteinen rekrytointitapahtuma {season}.",
            ],
        };
        self.pick(options)
            .replace("{n}", &n.to_string())
            .replace("{m}", &m.to_string())
            .replace("{season}", season)
            .replace("{contact}", contact)
    }

    /// Follow-ups on the demo administrator's desk: some overdue, some due this week, some later.
    fn agenda(&mut self) {
        let admin = 0;
        let mut mine: Vec<usize> = self
            .net
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.status == OrganisationStatus::Active
                    && !o.quiet
                    && o.key != Some(LHKK)
                    && o.owners.contains(&admin)
            })
            .map(|(i, _)| i)
            .collect();
        mine.shuffle(&mut self.rng);
        // (days before today it happened, days from today the follow-up is due)
        let plan: [(i64, i64); 8] = [
            (30, -9),
            (21, -4),
            (12, -1),
            (9, 0),
            (6, 2),
            (4, 5),
            (3, 12),
            (2, 20),
        ];
        let staff: Vec<usize> = owner_candidates().collect();
        for (org, (ago, due)) in mine.into_iter().zip(plan) {
            let o = self.net.organisations[org].clone();
            let date = self.days_ago(ago).max(o.partner_since);
            let mut p = self.interaction(org, &o, admin, date, &staff);
            let on = (self.today + Duration::days(due)).max(date);
            p.follow_up = Some(FollowUpPlan {
                on,
                assignee: admin,
                done: false,
            });
            self.net.interactions.push(p);
        }
    }

    fn agreements(&mut self) {
        let admin = 0;
        // Bilateral agreements with active, dormant and ended partners.
        for i in 0..self.net.organisations.len() {
            let o = self.net.organisations[i].clone();
            if o.key == Some(LHKK) || o.status == OrganisationStatus::Prospect {
                continue;
            }
            let p = match o.kind {
                OrganisationKind::Company => 0.3,
                OrganisationKind::Association => 0.2,
                _ => 0.6,
            };
            if !self.chance(p) {
                continue;
            }
            let author = o.owners.first().copied().unwrap_or(admin);
            let (kind, title) = match o.kind {
                OrganisationKind::University => (
                    AgreementKind::Cooperation,
                    "Väyläopintojen ja TKI-yhteistyön sopimus".to_string(),
                ),
                OrganisationKind::ResearchInstitute => (
                    AgreementKind::Cooperation,
                    "Tutkimus- ja opetusyhteistyösopimus".to_string(),
                ),
                OrganisationKind::EmploymentService => (
                    AgreementKind::Cooperation,
                    "Kumppanuussopimus: työllisyyspalvelut ja koulutus".to_string(),
                ),
                OrganisationKind::PublicBody => (
                    AgreementKind::TrainingFrame,
                    "Oppisopimus- ja koulutussopimusten puitesopimus".to_string(),
                ),
                _ if self.chance(0.5) => (
                    AgreementKind::TrainingFrame,
                    "Koulutussopimusten puitesopimus".to_string(),
                ),
                _ => (
                    AgreementKind::Cooperation,
                    "Yhteistyösopimus: työpaikalla järjestettävä koulutus".to_string(),
                ),
            };
            let from = self.date_between(
                o.partner_since,
                (o.partner_since + Duration::days(700)).min(self.today),
            );
            let to = if self.chance(0.3) {
                None
            } else {
                Some(from + Duration::days(365 * self.rng.gen_range(2..5) - 1))
            };
            let notes = if self.chance(0.4) {
                Some("Sopimuksen allekirjoittanut osapuolen puolesta toimitusjohtaja; alkuperäinen arkistossa.".to_string())
            } else {
                None
            };
            let reminder_days = *self.pick(&[60, 60, 60, 90, 30]);
            self.net.agreements.push(AgreementPlan {
                organisation: i,
                other_parties: Vec::new(),
                title,
                kind,
                valid_from: from,
                valid_to: to,
                reminder_days,
                notes,
                author,
            });
        }
        self.expiring_soon();
        self.equipment_sharing();
        self.ndas();
    }

    /// Agreements that run out within the next two months, for the renewal list.
    fn expiring_soon(&mut self) {
        let mut candidates: Vec<usize> = self
            .net
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.kind == OrganisationKind::Company
                    && o.status == OrganisationStatus::Active
                    && !o.quiet
            })
            .map(|(i, _)| i)
            .collect();
        candidates.shuffle(&mut self.rng);
        for (org, days) in candidates.into_iter().zip([6, 13, 21, 30, 38, 47, 57]) {
            let o = &self.net.organisations[org];
            let to = self.today + Duration::days(days);
            let from = (to - Duration::days(3 * 365 - 1)).max(o.partner_since);
            let author = o.owners.first().copied().unwrap_or(0);
            self.net.agreements.push(AgreementPlan {
                organisation: org,
                other_parties: Vec::new(),
                title: "Yhteistyösopimus: koulutussopimukset ja oppisopimukset".to_string(),
                kind: AgreementKind::Cooperation,
                valid_from: from,
                valid_to: Some(to),
                reminder_days: 60,
                notes: Some("Päättyy pian: sovi jatkosta yrityksen kanssa.".to_string()),
                author,
            });
        }
    }

    /// Machines and spaces shared between several organisations.
    fn equipment_sharing(&mut self) {
        let specs: &[(&str, &[&str], &str, usize)] = &[
            (
                "CNC-sorvin yhteiskäyttösopimus",
                &[LHKK, "hamk"],
                "metal",
                2,
            ),
            (
                "Hitsausrobotin yhteiskäyttö",
                &[LHKK, "tavastia"],
                "metal",
                1,
            ),
            (
                "Maatalouskoneiden yhteiskäyttösopimus",
                &["luke", "livia", LHKK],
                "agriculture",
                2,
            ),
            (
                "Ajosimulaattorin yhteiskäyttö",
                &[LHKK, "hyria"],
                "logistics",
                2,
            ),
            (
                "Elintarvikelaboratorion yhteiskäyttö",
                &["luke", "hamk", LHKK],
                "food",
                2,
            ),
            (
                "Maneesin ja tallien yhteiskäyttö",
                &["hevosopisto", LHKK],
                "horse",
                1,
            ),
            (
                "Hoitoalan simulaatiotilan yhteiskäyttö",
                &[LHKK, "omahame", "hamk"],
                "care",
                1,
            ),
            ("Puusepänkoneiden yhteiskäyttö", &[LHKK], "wood", 2),
        ];
        for (title, keys, sector, companies) in specs {
            let mut parties: Vec<usize> = keys.iter().filter_map(|k| self.key(k)).collect();
            let mut candidates = self.active_companies(sector);
            candidates.shuffle(&mut self.rng);
            parties.extend(candidates.into_iter().take(*companies));
            // Filed under the first company when there is one, else the first organisation.
            let Some(&filed) = parties
                .iter()
                .rev()
                .find(|p| self.net.organisations[**p].key.is_none())
                .or(parties.first())
            else {
                continue;
            };
            let others: Vec<usize> = parties.into_iter().filter(|p| *p != filed).collect();
            let from = self.random_days_ago(60..900);
            let to = from + Duration::days(365 * 3 - 1);
            let author = self.net.organisations[filed]
                .owners
                .first()
                .copied()
                .unwrap_or(0);
            self.net.agreements.push(AgreementPlan {
                organisation: filed,
                other_parties: others,
                title: title.to_string(),
                kind: AgreementKind::EquipmentSharing,
                valid_from: from,
                valid_to: Some(to),
                reminder_days: 90,
                notes: Some("Käyttö varauksen mukaan; käyttäjiltä vaaditaan perehdytys. Kustannukset jaetaan käyttötuntien suhteessa.".to_string()),
                author,
            });
        }
    }

    /// Non-disclosure agreements with partners that develop products with students.
    fn ndas(&mut self) {
        let mut candidates: Vec<usize> = self
            .net
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.kind == OrganisationKind::Company
                    && o.status == OrganisationStatus::Active
                    && o.sector.is_some_and(|s| SECTORS[s].develops)
            })
            .map(|(i, _)| i)
            .collect();
        candidates.shuffle(&mut self.rng);
        for org in candidates.into_iter().take(9) {
            let o = self.net.organisations[org].clone();
            let from = self.date_between(o.partner_since.max(self.days_ago(900)), self.today);
            let author = o.owners.first().copied().unwrap_or(0);
            let hamk = if self.chance(0.3) {
                self.key("hamk")
            } else {
                None
            };
            self.net.agreements.push(AgreementPlan {
                organisation: org,
                other_parties: hamk.into_iter().collect(),
                title: "Salassapitosopimus: opiskelijoiden tuotekehitysprojekti".to_string(),
                kind: AgreementKind::Nda,
                valid_from: from,
                valid_to: Some(from + Duration::days(2 * 365)),
                reminder_days: 30,
                notes: None,
                author,
            });
        }
    }
}

/// The forms of cooperation an anchor organisation has by its kind.
fn anchor_forms(a: &Anchor) -> Vec<CooperationForm> {
    use CooperationForm::*;
    match a.kind {
        OrganisationKind::Company => vec![WorkplaceLearning, Apprenticeship, Recruitment],
        OrganisationKind::PublicBody => vec![WorkplaceLearning, Apprenticeship, Recruitment],
        OrganisationKind::VocationalInstitution if a.key == LHKK => Vec::new(),
        OrganisationKind::VocationalInstitution => vec![SharedEquipment, GuestTeaching],
        OrganisationKind::University => {
            vec![ResearchAndDevelopment, GuestTeaching, SharedEquipment]
        }
        OrganisationKind::ResearchInstitute => vec![ResearchAndDevelopment, SharedEquipment],
        OrganisationKind::Association => vec![GuestTeaching, Other],
        OrganisationKind::EmploymentService => vec![Recruitment, Other],
        OrganisationKind::Other => vec![Recruitment, Other],
    }
}
