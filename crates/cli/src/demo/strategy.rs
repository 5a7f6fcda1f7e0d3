//! The Suunta part of the demo: LHKK's plan for 2023–2027 that came out of the workshop of
//! 5 June 2023 (the seed text): a vision about network-based, sustainable working-life
//! cooperation, goals under it, actions with owners and yearly milestones, and indicators with
//! targets. Computed indicators get their baseline and targets from what the demo network's
//! data gives today, so that the scorecard shows a true mix of statuses on a fresh start.

use anyhow::{anyhow, Context};
use time::Date;
use vaski_domain::strategy::action::{ActionInput, MilestoneInput};
use vaski_domain::strategy::computed::{ComputedIndicator, Scope};
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::IndicatorInput;
use vaski_domain::strategy::plan::PlanInput;
use vaski_store::strategy::{action, computed, indicator, plan};
use vaski_store::{Actor, Db, Tx};

/// Staff (indices in `words::STAFF`) who own goals and actions.
const COORDINATOR: usize = 0;
const MACHINE_TEACHER: usize = 1;
const HEALTH_MANAGER: usize = 2;
const APPRENTICESHIPS: usize = 6;
const TECH_MANAGER: usize = 8;
const VIRTA: usize = 11;

struct Goal {
    title: &'static str,
    perspective: &'static str,
    owner: usize,
    parent: Option<usize>,
}

const GOALS: &[Goal] = &[
    Goal {
        title: "Yhteistyö on verkostomaista eikä yksittäisten ihmisten varassa",
        perspective: "network",
        owner: COORDINATOR,
        parent: None,
    },
    Goal {
        title: "Jokaisella kumppanuudella on vähintään kaksi vastuuhenkilöä",
        perspective: "network",
        owner: COORDINATOR,
        parent: Some(0),
    },
    Goal {
        title: "Oppimisympäristöjen, tilojen ja koneiden yhteiskäyttö laajenee",
        perspective: "working_life",
        owner: TECH_MANAGER,
        parent: None,
    },
    Goal {
        title: "Yhteiskäyttö korkeakoulujen ja tutkimuslaitosten kanssa",
        perspective: "network",
        owner: MACHINE_TEACHER,
        parent: Some(2),
    },
    Goal {
        title: "Koulutus kehittyy työelämän tarpeisiin joustavasti ja vastuullisesti",
        perspective: "sustainability",
        owner: HEALTH_MANAGER,
        parent: None,
    },
    Goal {
        title: "Kohtaanto paranee yhdessä Virta-verkoston kanssa",
        perspective: "students",
        owner: VIRTA,
        parent: None,
    },
];

struct Action {
    goal: usize,
    title: &'static str,
    status: &'static str,
    priority: &'static str,
    starts: &'static str,
    ends: &'static str,
    budget: &'static str,
    owners: &'static [usize],
    milestones: &'static [(&'static str, &'static str, bool)],
}

const ACTIONS: &[Action] = &[
    Action {
        goal: 1,
        title: "Kumppanirekisteri yhteiseksi: jokaiselle kumppanille toinen vastuuhenkilö",
        status: "done",
        priority: "high",
        starts: "2023-08-01",
        ends: "2025-12-31",
        budget: "",
        owners: &[COORDINATOR],
        milestones: &[
            ("Vanhat Excel-listat tuotu Vaskiin", "2023-12-15", true),
            (
                "Puolella kumppaneista kaksi vastuuhenkilöä",
                "2024-12-31",
                true,
            ),
            (
                "Kaikilla aktiivisilla kumppaneilla kaksi vastuuhenkilöä",
                "2025-12-31",
                false,
            ),
        ],
    },
    Action {
        goal: 0,
        title: "Työelämäfoorumi kahdesti vuodessa alueen yrityksille",
        status: "in_progress",
        priority: "medium",
        starts: "2024-01-01",
        ends: "2027-12-31",
        budget: "4 000",
        owners: &[COORDINATOR, TECH_MANAGER],
        milestones: &[
            ("Ensimmäinen foorumi Forssassa", "2024-04-30", true),
            ("Foorumi Jokioisilla", "2025-10-31", true),
            (
                "Foorumin palaute koottu ja malli vakiintunut",
                "2026-06-30",
                false,
            ),
        ],
    },
    Action {
        goal: 2,
        title: "Yhteiskäytön sopimusmalli ja hinnasto koneille ja tiloille",
        status: "done",
        priority: "high",
        starts: "2023-09-01",
        ends: "2024-06-30",
        budget: "2 500",
        owners: &[TECH_MANAGER],
        milestones: &[
            ("Sopimusmallin luonnos", "2023-12-31", true),
            ("Hinnasto hyväksytty", "2024-05-31", true),
        ],
    },
    Action {
        goal: 2,
        title: "CNC-sorvi ja hitsaamo yritysten varattaviksi Vaskissa",
        status: "in_progress",
        priority: "high",
        starts: "2024-01-01",
        ends: "2026-12-31",
        budget: "12 000",
        owners: &[MACHINE_TEACHER],
        milestones: &[
            ("Perehdytysmalli CNC-sorville", "2024-03-31", true),
            ("Viisi yritystä varannut koneita", "2025-06-30", true),
            ("Kymmenen yritystä varannut koneita", "2026-09-30", false),
        ],
    },
    Action {
        goal: 3,
        title: "Laboratorioiden yhteiskäyttö HAMKin ja Luonnonvarakeskuksen kanssa",
        status: "in_progress",
        priority: "medium",
        starts: "2025-01-01",
        ends: "2027-12-31",
        budget: "",
        owners: &[MACHINE_TEACHER, TECH_MANAGER],
        milestones: &[
            ("Yhteiskäyttösopimus HAMKin kanssa", "2025-12-31", true),
            ("Ensimmäinen yhteinen kehittämishanke", "2027-06-30", false),
        ],
    },
    Action {
        goal: 4,
        title: "Vastuullisuus osaksi jokaista työelämäkoulutusta",
        status: "in_progress",
        priority: "medium",
        starts: "2023-08-01",
        ends: "2027-12-31",
        budget: "",
        owners: &[HEALTH_MANAGER],
        milestones: &[
            (
                "Vastuullisuuden kriteerit koulutustarjontaan",
                "2024-08-31",
                true,
            ),
            (
                "Puolessa koulutuksista vastuullisuusosio",
                "2025-12-31",
                false,
            ),
            (
                "Kaikissa koulutuksissa vastuullisuusosio",
                "2027-08-31",
                false,
            ),
        ],
    },
    Action {
        goal: 4,
        title: "Oppisopimusten kasvu pienissä yrityksissä",
        status: "blocked",
        priority: "low",
        starts: "2024-01-01",
        ends: "2026-12-31",
        budget: "",
        owners: &[APPRENTICESHIPS],
        milestones: &[("Oppisopimusinfo yrittäjäyhdistyksille", "2024-10-31", true)],
    },
    Action {
        goal: 5,
        title: "Työnhakijoiden ohjaus koulutukseen ja töihin Virran kanssa",
        status: "in_progress",
        priority: "high",
        starts: "2023-09-01",
        ends: "2027-12-31",
        budget: "8 000",
        owners: &[VIRTA, APPRENTICESHIPS],
        milestones: &[
            ("Yhteinen asiakasprosessi sovittu", "2024-02-29", true),
            ("Seurantamalli sijoittumisesta", "2025-06-30", true),
            (
                "Sijoittuminen raportoidaan tuloskorttiin",
                "2026-12-31",
                false,
            ),
        ],
    },
];

/// A computed indicator: its goal and weight, its direction, and the baseline and targets as
/// shares of today's figure (so the demo stays true whatever the generated data gives).
struct Computed {
    indicator: ComputedIndicator,
    name: &'static str,
    goal: usize,
    weight: f64,
    lower_is_better: bool,
    baseline: f64,
    targets: [f64; 5],
}

const COMPUTED: &[Computed] = &[
    Computed {
        indicator: ComputedIndicator::ActivePartners,
        name: "Aktiiviset kumppanit",
        goal: 0,
        weight: 2.0,
        lower_is_better: false,
        baseline: 0.6,
        targets: [0.65, 0.8, 0.9, 1.05, 1.2],
    },
    Computed {
        indicator: ComputedIndicator::SingleOwnerShare,
        name: "Yhden vastuuhenkilön varassa olevat kumppanuudet",
        goal: 1,
        weight: 1.0,
        lower_is_better: true,
        baseline: 1.6,
        targets: [1.5, 1.3, 1.1, 0.8, 0.5],
    },
    Computed {
        indicator: ComputedIndicator::ValidAgreements,
        name: "Voimassa olevat yhteistyösopimukset",
        goal: 0,
        weight: 1.0,
        lower_is_better: false,
        baseline: 0.7,
        targets: [0.75, 0.85, 0.95, 1.0, 1.1],
    },
    Computed {
        indicator: ComputedIndicator::ExternalBookings,
        name: "Ulkopuolisten varaukset yhteiskäyttöresursseista",
        goal: 2,
        weight: 2.0,
        lower_is_better: false,
        baseline: 0.3,
        targets: [0.4, 0.6, 0.8, 1.3, 1.6],
    },
    Computed {
        indicator: ComputedIndicator::Utilisation,
        name: "Yhteiskäyttöresurssien käyttöaste",
        goal: 2,
        weight: 1.0,
        lower_is_better: false,
        baseline: 0.7,
        targets: [0.75, 0.85, 0.95, 1.0, 1.1],
    },
    Computed {
        indicator: ComputedIndicator::CooperationForm(
            vaski_domain::network::CooperationForm::SharedEquipment,
        ),
        name: "Organisaatiot, joiden kanssa koneita käytetään yhdessä",
        goal: 3,
        weight: 1.0,
        lower_is_better: false,
        baseline: 0.5,
        targets: [0.55, 0.7, 0.85, 0.95, 1.15],
    },
    Computed {
        indicator: ComputedIndicator::CooperationForm(
            vaski_domain::network::CooperationForm::Apprenticeship,
        ),
        name: "Oppisopimuskumppanit",
        goal: 4,
        weight: 1.0,
        lower_is_better: false,
        baseline: 0.8,
        targets: [0.85, 0.9, 1.0, 1.2, 1.3],
    },
];

/// The plan's first year, and the workshop day the baselines are dated.
const FIRST_YEAR: i32 = 2023;
const WORKSHOP_DAY: &str = "2023-06-05";

/// Writes the plan in one transaction; the computed figures are read first, from the
/// committed network.
pub async fn write(
    db: &Db,
    organisation_ids: &[i64],
    user_ids: &[i64],
    lhkk: usize,
    today: Date,
) -> anyhow::Result<()> {
    let mut figures = Vec::with_capacity(COMPUTED.len());
    for c in COMPUTED {
        let now = computed::value_at(db, c.indicator, &Scope::default(), today)
            .await
            .with_context(|| format!("computing {}", c.indicator.key()))?;
        figures.push(now);
    }
    let mut tx = db.begin().await?;
    write_plan(&mut tx, organisation_ids, user_ids, lhkk, &figures, today).await?;
    tx.commit().await.context("cannot commit the demo plan")?;
    Ok(())
}

async fn write_plan(
    tx: &mut Tx,
    organisation_ids: &[i64],
    user_ids: &[i64],
    lhkk: usize,
    figures: &[f64],
    today: Date,
) -> anyhow::Result<()> {
    let lhkk_id = *organisation_ids
        .get(lhkk)
        .ok_or_else(|| anyhow!("LHKK was not created"))?;
    let user = |i: usize| {
        user_ids
            .get(i)
            .copied()
            .ok_or_else(|| anyhow!("demo staff member {i} was not created"))
    };
    let actor = Actor::user(user(COORDINATOR)?, "demo");
    plan::mark_home(tx, lhkk_id, true, &actor).await?;
    let d = PlanInput {
        title: "Työelämäyhteistyön toimintasuunnitelma 2023–2027".into(),
        vision: "Työelämäyhteistyö on verkostomaista, vastuullista ja suunnitelmallista. Yritykset, muut oppilaitokset, \
                 korkeakoulut, tutkimuslaitokset ja Virta-verkosto ovat osa samaa ekosysteemiä, eikä yhteistyö ole \
                 satunnaista tai yksittäisten ihmisten aktiivisuuden varassa. Oppimisympäristöjä, tiloja ja koneita \
                 käytetään yhdessä yli organisaatiorajojen."
            .into(),
        first_year: FIRST_YEAR.to_string(),
        last_year: (FIRST_YEAR + 4).to_string(),
        ..Default::default()
    }
    .validate()
    .map_err(|e| anyhow!("demo plan: {e:?}"))?;
    let plan_id = plan::create(tx, lhkk_id, &d, &actor).await?;
    let period = d.period;

    let mut goal_ids: Vec<i64> = Vec::with_capacity(GOALS.len());
    for g in GOALS {
        let parent = g
            .parent
            .map(|p| {
                goal_ids
                    .get(p)
                    .copied()
                    .ok_or_else(|| anyhow!("goal parent {p}"))
            })
            .transpose()?;
        let draft = GoalInput {
            title: g.title.into(),
            perspective: g.perspective.into(),
            parent_id: parent,
            owner_user_id: Some(user(g.owner)?),
            ..Default::default()
        }
        .validate()
        .map_err(|e| anyhow!("demo goal {}: {e:?}", g.title))?;
        goal_ids.push(plan::create_goal(tx, plan_id, &draft, &actor).await?);
    }

    let idea_ids = workshop(tx, plan_id, user_ids, &actor).await?;

    for (index, a) in ACTIONS.iter().enumerate() {
        let draft = ActionInput {
            title: a.title.into(),
            status: a.status.into(),
            priority: a.priority.into(),
            starts_on: a.starts.into(),
            ends_on: a.ends.into(),
            budget: a.budget.into(),
            ..Default::default()
        }
        .validate(period)
        .map_err(|e| anyhow!("demo action {}: {e:?}", a.title))?;
        let owners = a
            .owners
            .iter()
            .map(|o| user(*o))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let goal_id = *goal_ids
            .get(a.goal)
            .ok_or_else(|| anyhow!("action goal {}", a.goal))?;
        let idea_id = ACTION_IDEAS
            .iter()
            .find(|(action, _)| *action == index)
            .and_then(|(_, idea)| idea_ids.get(*idea).copied());
        let links = action::Links {
            goal_id,
            owners,
            idea_id,
            ..Default::default()
        };
        let id = action::create(tx, plan_id, &draft, &links, &actor).await?;
        for (title, due, done) in a.milestones {
            let input = MilestoneInput {
                title: (*title).into(),
                due_on: (*due).into(),
                done_on: if *done { (*due).into() } else { String::new() },
            };
            action::add_milestone(tx, id, &input, &actor)
                .await?
                .map_err(|e| anyhow!("demo milestone {title}: {e:?}"))?;
        }
    }

    for (c, now) in COMPUTED.iter().zip(figures) {
        let now = *now;
        let scaled = |share: f64| -> String {
            let v = if c.lower_is_better
                && c.indicator.unit() == vaski_domain::strategy::unit::IndicatorUnit::Share
            {
                // A share aims down: the targets are fractions of today's share, capped at 100 %.
                (now * share).min(1.0)
            } else {
                now * share
            };
            match c.indicator.unit() {
                vaski_domain::strategy::unit::IndicatorUnit::Share => format!("{:.1}", v * 100.0),
                _ => format!("{}", v.round().max(0.0) as i64),
            }
        };
        let draft = IndicatorInput {
            name: c.name.into(),
            direction: if c.lower_is_better {
                "lower".into()
            } else {
                "higher".into()
            },
            computed: c.indicator.key(),
            baseline_value: scaled(c.baseline).replace('.', ","),
            baseline_on: WORKSHOP_DAY.into(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| anyhow!("demo indicator {}: {e:?}", c.name))?;
        let id = indicator::create(tx, plan_id, &draft, &actor).await?;
        for (i, share) in c.targets.iter().enumerate() {
            let year = FIRST_YEAR + i as i32;
            let value = c
                .indicator
                .unit()
                .parse_value(&scaled(*share))
                .map_err(|e| anyhow!("target: {}", e.key))?;
            indicator::set_target(tx, id, year, Some(value), &actor).await?;
        }
        let goal_id = *goal_ids
            .get(c.goal)
            .ok_or_else(|| anyhow!("indicator goal"))?;
        indicator::link_goal(tx, goal_id, id, c.weight, &actor).await?;
    }

    hand_kept(tx, plan_id, &goal_ids, &actor, today).await
}

/// An indicator kept by hand: key, name, unit, baseline, goal (index), targets per year and the
/// values entered so far.
struct HandKept {
    key: &'static str,
    name: &'static str,
    unit: &'static str,
    baseline: &'static str,
    goal: usize,
    targets: &'static [(i32, &'static str)],
    values: &'static [(&'static str, &'static str)],
}

const HAND_KEPT: &[HandKept] = &[
    HandKept {
        key: "placements",
        name: "Työpaikalla järjestettävän koulutuksen jaksot",
        unit: "count",
        baseline: "420",
        goal: 4,
        targets: &[
            (2023, "430"),
            (2024, "470"),
            (2025, "520"),
            (2026, "560"),
            (2027, "600"),
        ],
        values: &[
            ("2023-12-31", "441"),
            ("2024-12-31", "486"),
            ("2025-12-31", "512"),
            ("2026-06-30", "538"),
        ],
    },
    HandKept {
        key: "virta_placed",
        name: "Virta-asiakkaista töihin tai koulutukseen sijoittuneet",
        unit: "share",
        baseline: "35",
        goal: 5,
        targets: &[
            (2023, "36"),
            (2024, "40"),
            (2025, "45"),
            (2026, "50"),
            (2027, "55"),
        ],
        values: &[
            ("2023-12-31", "37"),
            ("2024-06-30", "39"),
            ("2024-12-31", "41,5"),
            ("2025-06-30", "43"),
            ("2025-12-31", "44"),
            ("2026-06-30", "46"),
        ],
    },
];

/// Two indicators kept by hand with a value history: students' workplace-learning placements
/// (a yearly figure from the student register) and the share of job seekers of the Virta
/// network placed in work or training.
async fn hand_kept(
    tx: &mut Tx,
    plan_id: i64,
    goal_ids: &[i64],
    actor: &Actor,
    today: Date,
) -> anyhow::Result<()> {
    for HandKept {
        key,
        name,
        unit,
        baseline,
        goal,
        targets,
        values,
    } in HAND_KEPT
    {
        let (key, name, unit, baseline, goal) = (*key, *name, *unit, *baseline, *goal);
        let draft = IndicatorInput {
            key: key.into(),
            name: name.into(),
            unit: unit.into(),
            direction: "higher".into(),
            baseline_value: baseline.into(),
            baseline_on: WORKSHOP_DAY.into(),
            update_every_days: "200".into(),
            ..Default::default()
        }
        .validate()
        .map_err(|e| anyhow!("demo indicator {name}: {e:?}"))?;
        let id = indicator::create(tx, plan_id, &draft, actor).await?;
        let unit = draft.unit;
        for (year, text) in targets.iter() {
            let v = unit
                .parse_value(text)
                .map_err(|e| anyhow!("target: {}", e.key))?;
            indicator::set_target(tx, id, *year, Some(v), actor).await?;
        }
        for (on, text) in values.iter() {
            let on = vaski_domain::text::parse_date(on)
                .ok()
                .flatten()
                .ok_or_else(|| anyhow!("date {on}"))?;
            if on <= today {
                indicator::add_value(
                    tx,
                    id,
                    on,
                    text,
                    Some("Opiskelijahallintojärjestelmästä"),
                    actor,
                )
                .await?;
            }
        }
        let goal_id = *goal_ids
            .get(goal)
            .ok_or_else(|| anyhow!("indicator goal"))?;
        indicator::link_goal(tx, goal_id, id, 1.0, actor).await?;
    }
    Ok(())
}

/// The workshop of 5 June 2023 (the seed text): its themes, the ideas the experts wrote and the
/// dots they gave (five each, at most three on one idea, anonymous).
const WORKSHOP_THEMES: &[&str] = &[
    "Yhteiskäyttö",
    "Verkosto ja kumppanuudet",
    "Korkeakoulut ja tutkimus",
    "Vastuullisuus",
    "Kohtaanto ja Virta",
];

/// `(theme, author (index in STAFF), text)`.
const IDEAS: &[(usize, usize, &str)] = &[
    (0, MACHINE_TEACHER, "Avataan CNC-sorvi ja hitsaamo alueen yritysten varattaviksi perehdytyksen jälkeen"),
    (0, TECH_MANAGER, "Yhteinen sopimusmalli ja hinnasto tilojen ja koneiden yhteiskäytölle"),
    (1, COORDINATOR, "Jokaiselle kumppanille vähintään kaksi vastuuhenkilöä, ettei yhteistyö ole yhden ihmisen varassa"),
    (1, COORDINATOR, "Työelämäfoorumi kahdesti vuodessa alueen yrityksille ja julkisille toimijoille"),
    (2, MACHINE_TEACHER, "Laboratorioiden yhteiskäyttö HAMKin ja Luonnonvarakeskuksen kanssa"),
    (2, TECH_MANAGER, "Yhteiset kehittämishankkeet korkeakoulujen kanssa opiskelijoiden lopputöinä"),
    (3, HEALTH_MANAGER, "Vastuullisuusosio jokaiseen työelämälle räätälöityyn koulutukseen"),
    (3, APPRENTICESHIPS, "Oppisopimuksia pienille yrityksille, joilla ei ole omaa koulutusosaamista"),
    (4, VIRTA, "Työnhakijat koulutukseen ja töihin yhdessä Virta-verkoston kanssa, sijoittumisen seuranta"),
    (4, APPRENTICESHIPS, "Valmistuvien ja yritysten tapaamispäivä keväisin"),
    (0, MACHINE_TEACHER, "Koneiden varauskalenteri näkyviin yrityksille verkossa"),
];

/// `(voter (index in STAFF), idea, dots)`: five dots each, at most three on one idea.
const VOTES: &[(usize, usize, u32)] = &[
    (COORDINATOR, 2, 3),
    (COORDINATOR, 3, 2),
    (MACHINE_TEACHER, 0, 3),
    (MACHINE_TEACHER, 10, 2),
    (HEALTH_MANAGER, 6, 3),
    (HEALTH_MANAGER, 2, 1),
    (HEALTH_MANAGER, 8, 1),
    (APPRENTICESHIPS, 7, 2),
    (APPRENTICESHIPS, 8, 2),
    (APPRENTICESHIPS, 0, 1),
    (TECH_MANAGER, 1, 2),
    (TECH_MANAGER, 0, 2),
    (TECH_MANAGER, 4, 1),
    (VIRTA, 8, 3),
    (VIRTA, 9, 2),
];

/// `(action index in ACTIONS, idea index in IDEAS)`: the actions that came from the workshop.
const ACTION_IDEAS: &[(usize, usize)] = &[
    (0, 2),
    (1, 3),
    (2, 1),
    (3, 0),
    (4, 4),
    (5, 6),
    (6, 7),
    (7, 8),
];

/// Writes the workshop and gives back its ideas' ids in the order of [`IDEAS`].
async fn workshop(
    tx: &mut Tx,
    plan_id: i64,
    user_ids: &[i64],
    actor: &Actor,
) -> anyhow::Result<Vec<i64>> {
    use vaski_domain::strategy::workshop::{DisplayName, IdeaText, ThemeName, WorkshopInput};
    use vaski_store::strategy::workshop as store;
    let draft = WorkshopInput {
        title: "Työelämäyhteistyön työpaja".into(),
        held_on: WORKSHOP_DAY.into(),
        theme: "Miten teemme yhteistyötä työelämän kanssa laajasti, verkostomaisesti ja vastuullisesti?".into(),
        opens_at: "2023-06-05T09:00".into(),
        closes_at: "2023-06-05T16:00".into(),
        vote_budget: "5".into(),
        vote_cap: "3".into(),
        anonymous_votes: true,
    }
    .validate()
    .map_err(|e| anyhow!("demo workshop: {e:?}"))?;
    let w = store::create(tx, plan_id, &draft, actor).await?;
    let mut themes = Vec::with_capacity(WORKSHOP_THEMES.len());
    for name in WORKSHOP_THEMES {
        let name = ThemeName::parse(name).map_err(|e| anyhow!("theme: {}", e.key))?;
        themes.push(store::create_theme(tx, w.id, &name, actor).await?.id);
    }
    let mut participants = std::collections::BTreeMap::new();
    for staff in [
        COORDINATOR,
        MACHINE_TEACHER,
        HEALTH_MANAGER,
        APPRENTICESHIPS,
        TECH_MANAGER,
        VIRTA,
    ] {
        let id = *user_ids
            .get(staff)
            .ok_or_else(|| anyhow!("demo staff member {staff}"))?;
        let word = super::words::STAFF
            .get(staff)
            .ok_or_else(|| anyhow!("demo staff member {staff}"))?;
        let name = DisplayName::parse(&format!("{} {}", word.first, word.last))
            .map_err(|e| anyhow!("name: {}", e.key))?;
        participants.insert(staff, store::join_as_user(tx, w.id, id, &name).await?);
    }
    let mut ideas = Vec::with_capacity(IDEAS.len());
    for (theme, author, text) in IDEAS {
        let author = participants
            .get(author)
            .ok_or_else(|| anyhow!("idea author {author}"))?;
        let text = IdeaText::parse(text).map_err(|e| anyhow!("idea: {}", e.key))?;
        let theme = themes.get(*theme).copied();
        ideas.push(store::add_idea(tx, author, &text, theme).await?.id);
    }
    for (voter, idea, dots) in VOTES {
        let p = participants
            .get(voter)
            .ok_or_else(|| anyhow!("voter {voter}"))?;
        let idea = *ideas.get(*idea).ok_or_else(|| anyhow!("idea {idea}"))?;
        store::record_dots(tx, p.id, idea, *dots)
            .await?
            .map_err(|e| anyhow!("demo vote refused: {}", e.key()))?;
    }
    Ok(ideas)
}
