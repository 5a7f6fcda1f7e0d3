//! The generated network. Every organisation, person and interaction is made from its own
//! random stream, derived from the seed and its number, so that organisation 4 711 is the same
//! whenever it is made: when the database is filled and when the import file refers to it.

use super::names::{self, Trade};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use time::{Date, Duration};
use vaski_domain::network::organisation::{normalised_name, OrganisationDraft};
use vaski_domain::network::{
    search, BusinessId, CooperationForm, InteractionKind, OrganisationKind, OrganisationStatus,
};
use vaski_domain::reference::{Industry, Municipality};

/// How far back the interactions go.
pub const HISTORY_DAYS: u16 = 3 * 365;

/// Streams of randomness, one per kind of thing, so that changing how people are made does
/// not change the organisations.
#[derive(Clone, Copy)]
pub enum Stream {
    Organisation = 1,
    Person = 2,
    Interaction = 3,
    Sampling = 4,
    Agreement = 5,
    Import = 6,
}

/// splitmix64: spreads (seed, stream, number) over the seed space.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub fn rng(seed: u64, stream: Stream, n: u64) -> StdRng {
    StdRng::seed_from_u64(mix(mix(seed ^ mix(stream as u64)) ^ n))
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// Picks an index by weights (which need not sum to one).
fn weighted(rng: &mut StdRng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.gen::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    weights.len() - 1
}

/// The genitive of a place name as it begins a Finnish organisation name (Forssan,
/// Jokioisten, Hämeenlinnan, Lahden); names ending in a consonant are left as they are.
pub fn genitive(name: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("Helsinki", "Helsingin"),
        ("Turku", "Turun"),
        ("Lahti", "Lahden"),
    ];
    if let Some((_, g)) = IRREGULAR.iter().find(|(n, _)| *n == name) {
        return (*g).to_string();
    }
    const ENDINGS: &[(&str, &str)] = &[
        ("nen", "sten"),
        ("lahti", "lahden"),
        ("järvi", "järven"),
        ("joki", "joen"),
        ("koski", "kosken"),
        ("mäki", "mäen"),
        ("niemi", "niemen"),
        ("salmi", "salmen"),
        ("saari", "saaren"),
        ("lampi", "lammen"),
        ("vesi", "veden"),
        ("ranta", "rannan"),
        ("e", "een"),
    ];
    for (ending, replacement) in ENDINGS {
        if let Some(stem) = name.strip_suffix(ending) {
            return format!("{stem}{replacement}");
        }
    }
    match name.chars().last() {
        Some(c) if "aeiouyäö".contains(c) => format!("{name}n"),
        _ => name.to_string(),
    }
}

/// A valid business ID for the n-th generated organisation; different n give different IDs.
/// Of three neighbouring bodies at most one has no check digit, so one of them always works.
pub fn business_id(n: u64) -> Option<BusinessId> {
    let base = 1_000_000 + 3 * n;
    (0..3).find_map(|k| u32::try_from(base + k).ok().and_then(BusinessId::from_body))
}

/// Everything about one generated organisation.
pub struct OrgSpec {
    pub draft: OrganisationDraft,
    pub partner_since: Date,
    /// How many staff users own the partnership (0 to 3).
    pub owner_count: usize,
    /// How much it is in touch with the institution: its share of people and interactions.
    pub activity: f64,
    /// Days since the last possible interaction (0 for partners still in touch).
    pub quiet_days: u16,
    /// The web domain its people's email addresses are at.
    pub domain: String,
}

impl OrgSpec {
    pub fn normalised_name(&self) -> String {
        normalised_name(&self.draft.name)
    }

    /// The indexed search text, made exactly as `vaski_store::network::organisation` makes it
    /// (name, municipality in Finnish and Swedish, business ID, tags, address).
    pub fn search_text(&self) -> String {
        let d = &self.draft;
        let municipality = d
            .municipality
            .map(|m| format!("{} {}", m.name_fi, m.name_sv))
            .unwrap_or_default();
        let mut fields: Vec<&str> = vec![&d.name, &municipality];
        if let Some(b) = &d.business_id {
            fields.push(b.as_str());
        }
        fields.extend(d.tags.iter().map(String::as_str));
        if let Some(a) = &d.address {
            fields.push(a);
        }
        search::index_text(fields)
    }
}

/// The generator: the seed, the day the history ends, and the reference data it draws from.
pub struct Gen {
    pub seed: u64,
    pub today: Date,
    municipality_weights: Vec<f64>,
}

impl Gen {
    pub fn new(seed: u64, today: Date) -> Gen {
        let all = Municipality::all();
        let mut weights = vec![1.0; all.len()];
        for (i, m) in all.iter().enumerate() {
            if names::HOME_REGION.contains(&m.code.as_str()) {
                // A quarter of the network in the five home municipalities.
                weights[i] = 0.25 * all.len() as f64 / names::HOME_REGION.len() as f64 / 0.6;
            } else if names::BIG_TOWNS.contains(&m.code.as_str()) {
                // Another quarter in the big towns.
                weights[i] = 0.25 * all.len() as f64 / names::BIG_TOWNS.len() as f64 / 0.6;
            }
        }
        Gen {
            seed,
            today,
            municipality_weights: weights,
        }
    }

    pub fn organisation(&self, n: u64) -> OrgSpec {
        let mut r = rng(self.seed, Stream::Organisation, n);
        let municipality = &Municipality::all()[weighted(&mut r, &self.municipality_weights)];
        let place = &municipality.name_fi;
        let place_gen = genitive(place);
        let kind =
            OrganisationKind::ALL[weighted(&mut r, &[75.0, 6.0, 2.0, 1.0, 1.0, 10.0, 1.0, 4.0])];
        let trade: &Trade = pick(&mut r, names::TRADES);
        let surname = *pick(&mut r, names::SURNAMES);
        let first = *pick(&mut r, names::FIRST_NAMES);
        let (name, division) = match kind {
            OrganisationKind::Company => {
                let form = ["Oy", "Oy", "Oy", "Oy", "Ky", "Oy Ab", "Ay", ""][r.gen_range(0..8)];
                let base = match weighted(&mut r, &[35.0, 25.0, 10.0, 12.0, 18.0]) {
                    0 => format!("{place_gen} {trade}", trade = trade.word),
                    1 => format!("{surname} {trade}", trade = trade.word),
                    2 => format!("{trade} {surname}", trade = trade.word),
                    3 => format!("Tmi {first} {surname}"),
                    _ => format!(
                        "{}{}",
                        pick(&mut r, names::BRAND_HEADS),
                        pick(&mut r, names::BRAND_TAILS)
                    ),
                };
                let name = if form.is_empty() || base.starts_with("Tmi ") {
                    base
                } else {
                    format!("{base} {form}")
                };
                (name, trade.division)
            }
            OrganisationKind::PublicBody => (
                format!("{place_gen} {}", pick(&mut r, names::PUBLIC_UNITS)),
                "84",
            ),
            OrganisationKind::VocationalInstitution => (format!("{place_gen} ammattiopisto"), "85"),
            OrganisationKind::University => (format!("{place_gen} ammattikorkeakoulu"), "85"),
            OrganisationKind::ResearchInstitute => (format!("{place_gen} tutkimuskeskus"), "72"),
            OrganisationKind::Association => (
                format!("{place_gen} {} ry", pick(&mut r, names::ASSOCIATIONS)),
                "94",
            ),
            OrganisationKind::EmploymentService => {
                (format!("{place_gen} työllisyyspalvelut"), "78")
            }
            OrganisationKind::Other => (format!("{surname} säätiö sr"), "94"),
        };
        let has_business_id = match kind {
            OrganisationKind::Association => r.gen_bool(0.6),
            _ => r.gen_bool(0.95),
        };
        let business_id = if has_business_id {
            business_id(n)
        } else {
            None
        };
        let status = OrganisationStatus::ALL[weighted(&mut r, &[70.0, 10.0, 12.0, 8.0])];
        let address = format!(
            "{} {}, {:05} {}",
            pick(&mut r, names::STREETS),
            r.gen_range(1..120),
            r.gen_range(100..99_999),
            place
        );
        let domain = {
            let words: String = normalised_name(&name).split(' ').collect();
            let cut: String = words.chars().take(24).collect();
            format!("{cut}.fi")
        };
        let website = r.gen_bool(0.5).then(|| format!("https://www.{domain}"));
        let mut tags: Vec<String> = Vec::new();
        if kind == OrganisationKind::Company {
            for t in trade.tags {
                if r.gen_bool(0.7) {
                    tags.push((*t).to_string());
                }
            }
        }
        for _ in 0..r.gen_range(0..3) {
            let t = (*pick(&mut r, names::GENERAL_TAGS)).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut cooperation = Vec::new();
        for _ in 0..r.gen_range(0..4) {
            let f = *pick(&mut r, CooperationForm::ALL);
            if !cooperation.contains(&f) {
                cooperation.push(f);
            }
        }
        let notes = r
            .gen_bool(0.1)
            .then(|| (*pick(&mut r, names::NOTES)).to_string());
        let partner_since = self.today - Duration::days(r.gen_range(30..15 * 365));
        let owner_count = weighted(&mut r, &[10.0, 45.0, 35.0, 10.0]);
        let u: f64 = r.gen();
        let mut activity = 0.2 + 10.0 * u.powi(4);
        let mut quiet_days = 0u16;
        match status {
            OrganisationStatus::Active => {
                if r.gen_bool(0.15) {
                    quiet_days = r.gen_range(200..900);
                }
            }
            OrganisationStatus::Prospect => activity *= 0.1,
            OrganisationStatus::Dormant => {
                activity *= 0.2;
                quiet_days = r.gen_range(365..1000);
            }
            OrganisationStatus::Ended => {
                activity *= 0.1;
                quiet_days = r.gen_range(500..1050);
            }
        }
        OrgSpec {
            draft: OrganisationDraft {
                name,
                business_id,
                kind,
                industry: Industry::by_code(division),
                municipality: Some(municipality),
                address: Some(address),
                website,
                tags,
                cooperation,
                status,
                notes,
            },
            partner_since,
            owner_count,
            activity,
            quiet_days,
            domain,
        }
    }
}

/// A person's name, title, email and phone.
pub struct PersonSpec {
    pub name: String,
    pub title: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub fn person(r: &mut StdRng, domain: &str) -> PersonSpec {
    let first = *pick(r, names::FIRST_NAMES);
    let last = *pick(r, names::SURNAMES);
    let email = r.gen_bool(0.85).then(|| {
        format!(
            "{}.{}@{domain}",
            search::fold(first).replace(' ', ""),
            search::fold(last).replace(' ', "")
        )
    });
    let phone = r.gen_bool(0.7).then(|| {
        format!(
            "04{} {:03} {:04}",
            r.gen_range(0..10),
            r.gen_range(0..1000),
            r.gen_range(0..10_000)
        )
    });
    PersonSpec {
        name: format!("{first} {last}"),
        title: (*pick(r, names::TITLES)).to_string(),
        email,
        phone,
    }
}

/// The free-text fields of an interaction.
pub struct InteractionText {
    pub kind: InteractionKind,
    pub our: String,
    pub their: String,
    pub notes: String,
}

pub fn interaction_text(r: &mut StdRng, staff: &[(i64, String)]) -> InteractionText {
    let kind = InteractionKind::ALL[weighted(r, &[25.0, 30.0, 20.0, 15.0, 7.0, 3.0])];
    let our = if staff.is_empty() {
        String::new()
    } else if r.gen_bool(0.3) {
        format!("{}, {}", pick(r, staff).1, pick(r, staff).1)
    } else {
        pick(r, staff).1.clone()
    };
    let their = format!(
        "{} {}",
        pick(r, names::FIRST_NAMES),
        pick(r, names::SURNAMES)
    );
    let notes = (*pick(r, names::NOTES)).to_string();
    InteractionText {
        kind,
        our,
        their,
        notes,
    }
}

/// Picks organisations in proportion to their weights, by binary search over the running sum.
pub struct Sampler {
    cumulative: Vec<f64>,
}

impl Sampler {
    pub fn new(weights: impl IntoIterator<Item = f64>) -> Sampler {
        let mut sum = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                sum += w;
                sum
            })
            .collect();
        Sampler { cumulative }
    }

    /// An index in `0..len`; `None` when there is nothing to pick from.
    pub fn sample(&self, r: &mut StdRng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let x = r.gen::<f64>() * total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        Some(i.min(self.cumulative.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn place_names_take_the_genitive() {
        assert_eq!(genitive("Forssa"), "Forssan");
        assert_eq!(genitive("Jokioinen"), "Jokioisten");
        assert_eq!(genitive("Tampere"), "Tampereen");
        assert_eq!(genitive("Helsinki"), "Helsingin");
        assert_eq!(genitive("Hämeenlinna"), "Hämeenlinnan");
        assert_eq!(genitive("Lappeenranta"), "Lappeenrannan");
        assert_eq!(genitive("Nurmijärvi"), "Nurmijärven");
    }

    #[test]
    fn generated_business_ids_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..20_000 {
            let id = business_id(n).expect("a valid ID among three neighbours");
            assert!(BusinessId::parse(id.as_str()).is_ok());
            assert!(seen.insert(id));
        }
    }

    #[test]
    fn the_same_number_makes_the_same_organisation() {
        let g = Gen::new(7, date!(2025 - 06 - 01));
        let a = g.organisation(4711);
        let b = g.organisation(4711);
        assert_eq!(a.draft, b.draft);
        assert_eq!(a.search_text(), b.search_text());
        assert!(a.search_text().starts_with(' '));
    }

    #[test]
    fn the_search_text_finds_inflected_place_names() {
        let g = Gen::new(7, date!(2025 - 06 - 01));
        let found = (0..2000)
            .map(|n| g.organisation(n))
            .filter(|o| search::matches(&o.search_text(), &search::query_stems("jokioisten")))
            .count();
        assert!(found > 0);
    }
}
