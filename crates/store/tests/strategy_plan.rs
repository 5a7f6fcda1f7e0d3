//! Store tests of Suunta's plans: goals, actions with milestones, indicators with targets and
//! hand-kept values, the scorecard and public links, on SQLite and on PostgreSQL.

use time::macros::date;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::strategy::action::{ActionInput, ActionStatus, MilestoneInput, ShownStatus};
use vaski_domain::strategy::goal::GoalInput;
use vaski_domain::strategy::indicator::{IndicatorInput, Status};
use vaski_domain::strategy::plan::PlanInput;
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::network::organisation;
use vaski_store::strategy::{action, indicator, plan, public_link, scorecard};
use vaski_store::{both_databases, Actor, Db, StoreError};

fn actor() -> Actor {
    Actor::system("test")
}

async fn staff(db: &Db, email: &str, name: &str) -> i64 {
    let email = Email::parse(email).expect("valid email");
    account::create_user(
        db,
        NewUser {
            email: &email,
            name,
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        },
        &actor(),
    )
    .await
    .expect("create user")
}

async fn institution(db: &Db) -> i64 {
    let draft = OrganisationInput {
        name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
        kind: "vocational_institution".into(),
        municipality: "Forssa".into(),
        status: "active".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid organisation");
    let mut tx = db.begin().await.expect("begin");
    let id = organisation::create(&mut tx, &draft, date!(2020 - 01 - 01), &actor())
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

/// A plan for 2023–2027 of a new institution.
async fn a_plan(db: &Db) -> i64 {
    let org = institution(db).await;
    let d = PlanInput {
        title: "Työelämäyhteistyön suunta".into(),
        vision: "Verkostomainen, vastuullinen työelämäyhteistyö".into(),
        first_year: "2023".into(),
        last_year: "2027".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid plan");
    let mut tx = db.begin().await.expect("begin");
    let id = plan::create(&mut tx, org, &d, &actor())
        .await
        .expect("plan");
    tx.commit().await.expect("commit");
    id
}

async fn goal(db: &Db, plan_id: i64, title: &str, parent: Option<i64>) -> Result<i64, StoreError> {
    let d = GoalInput {
        title: title.into(),
        perspective: "network".into(),
        parent_id: parent,
        ..Default::default()
    }
    .validate()
    .expect("valid goal");
    let mut tx = db.begin().await?;
    let id = plan::create_goal(&mut tx, plan_id, &d, &actor()).await?;
    tx.commit().await?;
    Ok(id)
}

async fn hand_kept(
    db: &Db,
    plan_id: i64,
    key: &str,
    unit: &str,
    direction: &str,
    baseline: &str,
) -> i64 {
    let d = IndicatorInput {
        key: key.into(),
        name: key.into(),
        unit: unit.into(),
        direction: direction.into(),
        baseline_value: baseline.into(),
        baseline_on: "2023-06-05".into(),
        update_every_days: "365".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid indicator");
    let mut tx = db.begin().await.expect("begin");
    let id = indicator::create(&mut tx, plan_id, &d, &actor())
        .await
        .expect("indicator");
    tx.commit().await.expect("commit");
    id
}

async fn target(db: &Db, indicator_id: i64, year: i32, value: f64) -> Result<(), StoreError> {
    let mut tx = db.begin().await?;
    indicator::set_target(&mut tx, indicator_id, year, Some(value), &actor()).await?;
    tx.commit().await
}

async fn value(db: &Db, indicator_id: i64, on: time::Date, text: &str) -> Result<i64, StoreError> {
    let mut tx = db.begin().await?;
    let id = indicator::add_value(&mut tx, indicator_id, on, text, None, &actor()).await?;
    tx.commit().await?;
    Ok(id)
}

both_databases! {
    async fn a_target_for_a_year_outside_the_plan_is_refused_and_nothing_changes(db) {
        let p = a_plan(&db).await;
        let i = hand_kept(&db, p, "feedback", "score", "higher", "3,5").await;
        target(&db, i, 2025, 4.0).await.expect("a target inside the plan");
        let e = target(&db, i, 2030, 4.5).await.expect_err("2030 is outside 2023–2027");
        assert!(matches!(e, StoreError::Invalid { field: "year", key: "error-target-year-outside-plan" }), "{e:?}");
        let targets = indicator::targets_of_plan(&db, p).await.expect("targets");
        assert_eq!(targets.iter().map(|t| (t.year, t.value)).collect::<Vec<_>>(), vec![(2025, 4.0)]);
    }

    async fn a_plan_cannot_be_shortened_past_its_targets(db) {
        let p = a_plan(&db).await;
        let i = hand_kept(&db, p, "feedback", "score", "higher", "3,5").await;
        target(&db, i, 2027, 4.0).await.expect("target");
        let shorter = PlanInput { title: "Lyhyempi".into(), first_year: "2023".into(), last_year: "2026".into(), ..Default::default() }
            .validate()
            .expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let e = plan::update(&mut tx, p, &shorter, &actor()).await.expect_err("2027 has a target");
        assert!(matches!(e, StoreError::Invalid { key: "error-plan-period-excludes-targets", .. }));
        drop(tx);
        assert_eq!(plan::get(&db, p).await.expect("get").expect("plan").last_year, 2027);
    }

    async fn goals_nest_three_levels_deep_and_no_deeper(db) {
        let p = a_plan(&db).await;
        let main = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("main goal");
        let sub = goal(&db, p, "Yhteiskäyttö kasvaa", Some(main)).await.expect("subgoal");
        let third = goal(&db, p, "Konepajat mukaan", Some(sub)).await.expect("third level");
        let e = goal(&db, p, "Liian syvä", Some(third)).await.expect_err("a fourth level");
        assert!(matches!(e, StoreError::Invalid { field: "parent_id", key: "error-goal-too-deep" }), "{e:?}");
        let goals = plan::goals(&db, p).await.expect("goals");
        assert_eq!(goals.iter().map(|g| g.id).collect::<Vec<_>>(), vec![main, sub, third]);
        let other = a_plan(&db).await;
        let e = goal(&db, other, "Väärä suunnitelma", Some(main)).await.expect_err("a parent of another plan");
        assert!(matches!(e, StoreError::Invalid { key: "error-goal-parent", .. }));
    }

    async fn an_action_with_an_overdue_milestone_shows_late_and_a_milestone_outside_it_is_refused(db) {
        let p = a_plan(&db).await;
        let g = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("goal");
        let owner = staff(&db, "jari@lhkk.example", "Jari Lehtonen").await;
        let draft = ActionInput {
            title: "Yhteiskäytön sopimusmalli".into(),
            status: "in_progress".into(),
            starts_on: "2024-01-01".into(),
            ends_on: "2027-12-31".into(),
            budget: "12 000".into(),
            ..Default::default()
        }
        .validate(plan::get(&db, p).await.expect("get").expect("plan").period().expect("period"))
        .expect("valid action");
        let links = action::Links { goal_id: g, owners: vec![owner], ..Default::default() };
        let mut tx = db.begin().await.expect("begin");
        let a = action::create(&mut tx, p, &draft, &links, &actor()).await.expect("action");
        let passed = MilestoneInput { title: "Luonnos".into(), due_on: "2024-06-30".into(), done_on: String::new() };
        action::add_milestone(&mut tx, a, &passed, &actor()).await.expect("store").expect("inside the action");
        let outside = MilestoneInput { title: "Liian myöhään".into(), due_on: "2028-03-01".into(), done_on: String::new() };
        let e = action::add_milestone(&mut tx, a, &outside, &actor()).await.expect("store").expect_err("outside");
        assert_eq!(e.get("due_on"), Some(&"error-milestone-outside-action"));
        tx.commit().await.expect("commit");

        let mine = action::of_owner(&db, owner).await.expect("mine");
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].milestones.len(), 1, "the refused milestone was not stored");
        assert_eq!(mine[0].shown_status, ShownStatus::Late);
        assert_eq!(mine[0].row.budget_cents, Some(1_200_000));
        let due = action::milestones_due(&db, owner, date!(2030 - 01 - 01)).await.expect("due");
        assert_eq!(due.len(), 1);

        let m = due[0].id;
        let mut tx = db.begin().await.expect("begin");
        action::set_milestone_done(&mut tx, m, Some(date!(2024 - 06 - 28)), &actor()).await.expect("done");
        tx.commit().await.expect("commit");
        let mine = action::of_owner(&db, owner).await.expect("mine");
        assert_eq!(mine[0].shown_status, ShownStatus::InProgress);

        let mut tx = db.begin().await.expect("begin");
        action::set_status(&mut tx, a, ActionStatus::Done, &actor()).await.expect("status");
        tx.commit().await.expect("commit");
        assert_eq!(action::get(&db, a).await.expect("get").expect("action").shown_status, ShownStatus::Done);
    }

    async fn a_value_that_is_not_a_number_of_the_unit_is_refused_and_nothing_is_stored(db) {
        let p = a_plan(&db).await;
        let i = hand_kept(&db, p, "placements", "count", "higher", "40").await;
        let e = value(&db, i, date!(2024 - 12 - 31), "noin viisikymmentä").await.expect_err("not a number");
        assert!(matches!(e, StoreError::Invalid { field: "value", key: "error-indicator-value-number" }), "{e:?}");
        let e = value(&db, i, date!(2024 - 12 - 31), "50,5").await.expect_err("not a count");
        assert!(matches!(e, StoreError::Invalid { key: "error-indicator-value-count", .. }));
        assert!(indicator::values(&db, i).await.expect("values").is_empty());
    }

    async fn the_scorecard_measures_each_indicator_against_its_target_and_rolls_up_to_goals(db) {
        let p = a_plan(&db).await;
        let g = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("goal");
        let sub = goal(&db, p, "Työpaikkaohjaajat", Some(g)).await.expect("subgoal");
        // Placements from 40 towards 60 in 2024: at 55 three quarters of the way.
        let placements = hand_kept(&db, p, "placements", "count", "higher", "40").await;
        target(&db, placements, 2024, 60.0).await.expect("target");
        value(&db, placements, date!(2024 - 03 - 31), "45").await.expect("value");
        value(&db, placements, date!(2024 - 12 - 31), "55").await.expect("value");
        // Dropouts from 20 % towards 10 %: at 19 % only a tenth of the way.
        let dropouts = hand_kept(&db, p, "dropouts", "share", "lower", "20 %").await;
        target(&db, dropouts, 2024, 0.10).await.expect("target");
        value(&db, dropouts, date!(2024 - 12 - 01), "19 %").await.expect("value");
        let mut tx = db.begin().await.expect("begin");
        indicator::link_goal(&mut tx, g, placements, 3.0, &actor()).await.expect("link");
        indicator::link_goal(&mut tx, sub, dropouts, 1.0, &actor()).await.expect("link");
        tx.commit().await.expect("commit");

        let card = scorecard::for_year(&db, p, 2024, scorecard::Trends::With).await.expect("scorecard");
        assert_eq!(card.at, date!(2024 - 12 - 31));
        let row = |id: i64| card.rows.iter().find(|r| r.indicator.id == id).expect("row");
        let pl = row(placements);
        assert_eq!((pl.baseline, pl.target, pl.actual), (Some(40.0), Some(60.0), Some(55.0)));
        assert!((pl.progress.expect("progress") - 0.75).abs() < 1e-9);
        assert_eq!(pl.status, Status::AtRisk);
        assert_eq!(pl.trend.len(), 2);
        let dr = row(dropouts);
        assert!((dr.progress.expect("progress") - 0.1).abs() < 1e-9);
        assert_eq!(dr.status, Status::OffTrack);
        // The main goal: placements weigh 3, the subgoal (0.1) weighs 1.
        let main = card.goals.iter().find(|x| x.goal.id == g).expect("goal");
        assert!((main.progress.expect("progress") - (3.0 * 0.75 + 0.1) / 4.0).abs() < 1e-9);
        assert_eq!(card.goals.iter().find(|x| x.goal.id == sub).expect("sub").depth, 2);

        // In 2023 nothing was measured yet, and the 2024 target does not apply backwards.
        let earlier = scorecard::for_year(&db, p, 2023, scorecard::Trends::With).await.expect("scorecard");
        let pl = earlier.rows.iter().find(|r| r.indicator.id == placements).expect("row");
        assert_eq!((pl.actual, pl.target, pl.status), (None, None, Status::NoData));
        assert!(scorecard::for_year(&db, p, 2031, scorecard::Trends::With).await.is_err());
    }

    async fn a_revoked_public_link_opens_nothing_and_a_link_is_revoked_only_through_its_plan(db) {
        let p = a_plan(&db).await;
        let other = a_plan(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let link = public_link::create(&mut tx, p, "hash-of-a-long-token", &actor()).await.expect("link");
        tx.commit().await.expect("commit");
        assert_eq!(public_link::plan_of(&db, "hash-of-a-long-token").await.expect("open"), Some(p));
        let mut tx = db.begin().await.expect("begin");
        assert!(matches!(public_link::revoke(&mut tx, other, link, &actor()).await, Err(StoreError::NotFound)));
        drop(tx);
        let mut tx = db.begin().await.expect("begin");
        public_link::revoke(&mut tx, p, link, &actor()).await.expect("revoke");
        tx.commit().await.expect("commit");
        assert_eq!(public_link::plan_of(&db, "hash-of-a-long-token").await.expect("open"), None);
        assert!(public_link::of_plan(&db, p).await.expect("links")[0].revoked_at.is_some());
    }
}

both_databases! {
    async fn a_plan_copied_through_its_file_keeps_its_structure_and_no_people(db) {
        let p = a_plan(&db).await;
        let g = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("goal");
        let sub = goal(&db, p, "Yhteiskäyttö kasvaa", Some(g)).await.expect("subgoal");
        let owner = staff(&db, "jari@lhkk.example", "Jari Lehtonen").await;
        let i = hand_kept(&db, p, "dropouts", "share", "lower", "20 %").await;
        target(&db, i, 2026, 0.12).await.expect("target");
        value(&db, i, date!(2025 - 12 - 31), "18 %").await.expect("value");
        let draft = ActionInput { title: "Sopimusmalli".into(), starts_on: "2024-01-01".into(), ends_on: "2025-12-31".into(), ..Default::default() }
            .validate(plan::get(&db, p).await.expect("get").expect("plan").period().expect("period"))
            .expect("valid");
        let mut tx = db.begin().await.expect("begin");
        indicator::link_goal(&mut tx, sub, i, 2.0, &actor()).await.expect("link");
        let a = action::create(&mut tx, p, &draft, &action::Links { goal_id: sub, owners: vec![owner], ..Default::default() }, &actor()).await.expect("action");
        let m = MilestoneInput { title: "Luonnos".into(), due_on: "2024-06-30".into(), done_on: "2024-06-01".into() };
        action::add_milestone(&mut tx, a, &m, &actor()).await.expect("store").expect("valid");
        tx.commit().await.expect("commit");

        let file = vaski_store::strategy::template::export(&db, p).await.expect("export");
        let json = file.to_json();
        assert!(!json.contains("Jari"), "no people in the file");
        let read = vaski_domain::strategy::template::PlanTemplate::from_json(json.as_bytes()).expect("reads back");
        let other = institution(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let copy = vaski_store::strategy::template::import(&mut tx, other, &read, &actor()).await.expect("import");
        tx.commit().await.expect("commit");

        let goals = plan::goals(&db, copy).await.expect("goals");
        assert_eq!(goals.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(), vec!["Verkostomainen yhteistyö", "Yhteiskäyttö kasvaa"]);
        assert_eq!(goals[1].parent_id, Some(goals[0].id));
        let inds = indicator::of_plan(&db, copy).await.expect("indicators");
        assert_eq!((inds[0].key.as_str(), inds[0].baseline_value), ("dropouts", Some(0.2)));
        let targets = indicator::targets_of_plan(&db, copy).await.expect("targets");
        assert_eq!(targets.iter().map(|t| (t.year, t.value)).collect::<Vec<_>>(), vec![(2026, 0.12)]);
        assert!(indicator::values(&db, inds[0].id).await.expect("values").is_empty(), "no hand-entered values");
        let links = indicator::goal_links(&db, copy).await.expect("links");
        assert_eq!((links[0].goal_id, links[0].weight), (goals[1].id, 2.0));
        let actions = action::of_plan(&db, copy).await.expect("actions");
        assert_eq!(actions.len(), 1);
        assert!(actions[0].owners.is_empty(), "no owners copied");
        assert_eq!(actions[0].row.status, "planned");
        assert_eq!(actions[0].milestones.len(), 1);
        assert!(actions[0].milestones[0].done_on.is_none());
    }

    async fn a_file_with_a_bad_part_is_refused_by_where_and_nothing_is_created(db) {
        let p = a_plan(&db).await;
        goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("goal");
        let mut file = vaski_store::strategy::template::export(&db, p).await.expect("export");
        file.actions.push(vaski_domain::strategy::template::ActionTemplate {
            title: "Liian myöhään".into(),
            description: None,
            goal: 0,
            priority: "high".into(),
            starts_on: "2030-01-01".into(),
            ends_on: "2030-12-31".into(),
            budget_cents: None,
            milestones: vec![],
        });
        let before = plan::list(&db).await.expect("plans").len();
        let other = institution(&db).await;
        let mut tx = db.begin().await.expect("begin");
        let e = vaski_store::strategy::template::import(&mut tx, other, &file, &actor()).await.expect_err("2030 is outside the plan");
        drop(tx);
        match e {
            vaski_store::strategy::template::CopyError::Template(t) => {
                assert_eq!((t.at.as_str(), t.key), ("actions[0].ends_on", "error-date-outside-plan"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(plan::list(&db).await.expect("plans").len(), before, "nothing created");
    }

    async fn deleting_a_goal_takes_its_subgoals_and_indicator_links_and_audits_each_goal(db) {
        let p = a_plan(&db).await;
        let main = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("main goal");
        let sub = goal(&db, p, "Yhteiskäyttö kasvaa", Some(main)).await.expect("subgoal");
        let other = goal(&db, p, "Opiskelijat työelämään", None).await.expect("another goal");
        let i = hand_kept(&db, p, "placements", "count", "higher", "40").await;
        let mut tx = db.begin().await.expect("begin");
        indicator::link_goal(&mut tx, sub, i, 2.0, &actor()).await.expect("link");
        plan::delete_goal(&mut tx, main, &actor()).await.expect("no actions under it");
        tx.commit().await.expect("commit");

        let left: Vec<i64> = plan::goals(&db, p).await.expect("goals").iter().map(|g| g.id).collect();
        assert_eq!(left, vec![other], "the subgoal went with its parent");
        assert!(indicator::get(&db, i).await.expect("get").is_some(), "the indicator stays");
        assert!(indicator::goal_links(&db, p).await.expect("links").is_empty(), "its link went");
        let audited: Vec<(i64, String, String)> = db
            .fetch_all(vaski_store::sql("SELECT entity_id, action, changes FROM audit_log WHERE entity = 'goal' AND action = 'delete' ORDER BY entity_id"))
            .await
            .expect("audit");
        assert_eq!(audited.iter().map(|(id, _, _)| *id).collect::<Vec<_>>(), vec![main, sub], "each goal removed is audited");
        assert!(audited[1].2.contains("placements"), "the subgoal's entry names the indicator it was linked to: {}", audited[1].2);
    }

    async fn deleting_a_plan_takes_everything_in_it_leaves_other_plans_and_audits_its_title(db) {
        let p = a_plan(&db).await;
        let other = a_plan(&db).await;
        for plan_id in [p, other] {
            let g = goal(&db, plan_id, "Verkostomainen yhteistyö", None).await.expect("goal");
            let draft = ActionInput { title: "Sopimusmalli".into(), status: "planned".into(), starts_on: "2024-01-01".into(), ends_on: "2025-12-31".into(), ..Default::default() }
                .validate(plan::get(&db, plan_id).await.expect("get").expect("plan").period().expect("period"))
                .expect("valid action");
            let mut tx = db.begin().await.expect("begin");
            let a = action::create(&mut tx, plan_id, &draft, &action::Links { goal_id: g, ..Default::default() }, &actor()).await.expect("action");
            let m = MilestoneInput { title: "Luonnos".into(), due_on: "2024-06-30".into(), done_on: String::new() };
            action::add_milestone(&mut tx, a, &m, &actor()).await.expect("store").expect("inside the action");
            tx.commit().await.expect("commit");
            let i = hand_kept(&db, plan_id, "placements", "count", "higher", "40").await;
            target(&db, i, 2025, 60.0).await.expect("target");
            value(&db, i, date!(2024 - 05 - 01), "45").await.expect("value");
            let mut tx = db.begin().await.expect("begin");
            indicator::link_goal(&mut tx, g, i, 1.0, &actor()).await.expect("link");
            public_link::create(&mut tx, plan_id, &format!("hash-{plan_id}"), &actor()).await.expect("link");
            tx.commit().await.expect("commit");
        }
        let rows_of = |plan_id: i64| {
            let db = db.clone();
            async move {
                let (n,): (i64,) = db.fetch_one(vaski_store::sql(
                    "SELECT (SELECT COUNT(*) FROM goals WHERE plan_id = $1) + (SELECT COUNT(*) FROM actions WHERE plan_id = $1) \
                     + (SELECT COUNT(*) FROM milestones m JOIN actions a ON a.id = m.action_id WHERE a.plan_id = $1) \
                     + (SELECT COUNT(*) FROM indicators WHERE plan_id = $1) \
                     + (SELECT COUNT(*) FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = $1) \
                     + (SELECT COUNT(*) FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id WHERE i.plan_id = $1) \
                     + (SELECT COUNT(*) FROM public_links WHERE plan_id = $1)").bind(plan_id)).await.expect("count");
                n
            }
        };
        assert_eq!(rows_of(p).await, 7, "a goal, an action, a milestone, an indicator, a target, a value and a link");

        let mut tx = db.begin().await.expect("begin");
        plan::delete(&mut tx, p, &actor()).await.expect("delete");
        tx.commit().await.expect("commit");
        assert!(plan::get(&db, p).await.expect("get").is_none());
        assert_eq!(rows_of(p).await, 0, "nothing of the plan is left");
        assert_eq!(rows_of(other).await, 7, "the other plan keeps everything");
        assert_eq!(public_link::plan_of(&db, &format!("hash-{p}")).await.expect("open"), None);
        let audited: Vec<(String, String)> = db
            .fetch_all(vaski_store::sql("SELECT action, changes FROM audit_log WHERE entity = 'plan' AND entity_id = $1 ORDER BY id").bind(p))
            .await
            .expect("audit");
        assert_eq!(audited.last().map(|(a, _)| a.as_str()), Some("delete"));
        assert!(audited.last().is_some_and(|(_, c)| c.contains("Työelämäyhteistyön suunta")), "{audited:?}");
        let mut tx = db.begin().await.expect("begin");
        assert!(matches!(plan::delete(&mut tx, p, &actor()).await, Err(StoreError::NotFound)), "a plan is deleted once");
    }

    async fn a_goal_with_an_action_under_its_subgoal_is_not_deleted(db) {
        let p = a_plan(&db).await;
        let main = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("main goal");
        let sub = goal(&db, p, "Yhteiskäyttö kasvaa", Some(main)).await.expect("subgoal");
        let draft = ActionInput { title: "Sopimusmalli".into(), starts_on: "2024-01-01".into(), ends_on: "2024-12-31".into(), ..Default::default() }
            .validate(plan::get(&db, p).await.expect("get").expect("plan").period().expect("period"))
            .expect("valid action");
        let mut tx = db.begin().await.expect("begin");
        action::create(&mut tx, p, &draft, &action::Links { goal_id: sub, ..Default::default() }, &actor()).await.expect("action");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        let e = plan::delete_goal(&mut tx, main, &actor()).await.expect_err("an action under its subgoal");
        assert!(matches!(e, StoreError::Invalid { key: "error-goal-has-actions", .. }), "{e:?}");
        drop(tx);
        assert_eq!(plan::goals(&db, p).await.expect("goals").len(), 2, "nothing removed");
    }

    async fn an_indicators_unit_stays_while_it_has_figures_and_a_removed_target_is_audited_once(db) {
        let p = a_plan(&db).await;
        let i = hand_kept(&db, p, "feedback", "score", "higher", "3,5").await;
        let as_share = IndicatorInput {
            key: "feedback".into(),
            name: "Palaute".into(),
            unit: "share".into(),
            direction: "higher".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        target(&db, i, 2025, 4.0).await.expect("target");
        let mut tx = db.begin().await.expect("begin");
        let e = indicator::update(&mut tx, i, &as_share, &actor()).await.expect_err("a target in points");
        assert!(matches!(e, StoreError::Invalid { field: "unit", key: "error-indicator-unit-in-use" }), "{e:?}");
        drop(tx);
        assert_eq!(indicator::get(&db, i).await.expect("get").expect("indicator").unit, "score");

        let audits = |db: Db| async move {
            let (n,): (i64,) = db
                .fetch_one(vaski_store::sql("SELECT COUNT(*) FROM audit_log WHERE entity = 'indicator' AND changes LIKE '%target_2025%'"))
                .await
                .expect("count");
            n
        };
        assert_eq!(audits(db.clone()).await, 1);
        target(&db, i, 2025, 4.0).await.expect("the same target again");
        assert_eq!(audits(db.clone()).await, 1, "setting the same value records nothing");
        let mut tx = db.begin().await.expect("begin");
        indicator::set_target(&mut tx, i, 2025, None, &actor()).await.expect("removed");
        tx.commit().await.expect("commit");
        assert!(indicator::targets_of_plan(&db, p).await.expect("targets").is_empty());
        assert_eq!(audits(db.clone()).await, 2, "the removal is audited");

        // Without figures the unit may change.
        let mut tx = db.begin().await.expect("begin");
        indicator::update(&mut tx, i, &as_share, &actor()).await.expect("no figures left");
        tx.commit().await.expect("commit");
        assert_eq!(indicator::get(&db, i).await.expect("get").expect("indicator").unit, "share");
    }

    async fn unlinking_an_indicator_from_a_goal_keeps_the_indicator_and_records_the_weight(db) {
        let p = a_plan(&db).await;
        let g = goal(&db, p, "Verkostomainen yhteistyö", None).await.expect("goal");
        let i = hand_kept(&db, p, "placements", "count", "higher", "40").await;
        let mut tx = db.begin().await.expect("begin");
        indicator::link_goal(&mut tx, g, i, 3.0, &actor()).await.expect("link");
        indicator::unlink_goal(&mut tx, g, i, &actor()).await.expect("unlink");
        let e = indicator::unlink_goal(&mut tx, g, i, &actor()).await.expect_err("no link left");
        assert!(matches!(e, StoreError::NotFound));
        tx.commit().await.expect("commit");
        assert!(indicator::goal_links(&db, p).await.expect("links").is_empty());
        assert!(indicator::get(&db, i).await.expect("get").is_some());
        let (changes,): (String,) = db
            .fetch_one(vaski_store::sql("SELECT changes FROM audit_log WHERE entity = 'indicator' AND entity_id = $1 ORDER BY id DESC LIMIT 1").bind(i))
            .await
            .expect("audit");
        assert!(changes.contains(&format!("goal_{g}_weight")) && changes.contains("\"old\":\"3\""), "{changes}");
    }

    async fn a_perspective_is_added_and_renamed_with_its_names_in_the_audit(db) {
        let mut tx = db.begin().await.expect("begin");
        let p = plan::Perspective { key: "skills".into(), name_fi: "Osaaminen".into(), name_sv: "Kompetens".into(), name_en: "Skills".into() };
        plan::save_perspective(&mut tx, &p, &actor()).await.expect("added");
        let renamed = plan::Perspective { name_fi: "Osaamisen kehittäminen".into(), ..p.clone() };
        plan::save_perspective(&mut tx, &renamed, &actor()).await.expect("renamed");
        plan::save_perspective(&mut tx, &renamed, &actor()).await.expect("the same again");
        tx.commit().await.expect("commit");
        let all = plan::perspectives(&db).await.expect("perspectives");
        let last = all.last().expect("the new one is last");
        assert_eq!((last.key.as_str(), last.name_fi.as_str()), ("skills", "Osaamisen kehittäminen"));
        let rows: Vec<(String, String)> = db
            .fetch_all(vaski_store::sql("SELECT action, changes FROM audit_log WHERE entity = 'perspective' ORDER BY id"))
            .await
            .expect("audit");
        assert_eq!(rows.len(), 2, "a save that changes nothing records nothing");
        assert_eq!(rows[0].0, "create");
        assert!(rows[0].1.contains("Kompetens"));
        assert_eq!(rows[1].0, "update");
        assert!(rows[1].1.contains("\"old\":\"Osaaminen\"") && rows[1].1.contains("Osaamisen kehittäminen"), "{}", rows[1].1);
    }

    async fn an_organisations_flags_are_audited_with_their_old_value_and_a_repeat_records_nothing(db) {
        let org = institution(&db).await;
        assert_eq!(plan::organisation_flags(&db, org).await.expect("flags"), Some((false, false)));
        let mut tx = db.begin().await.expect("begin");
        plan::mark_home(&mut tx, org, true, &actor()).await.expect("home");
        plan::mark_home(&mut tx, org, true, &actor()).await.expect("home again");
        plan::mark_confidential(&mut tx, org, true, &actor()).await.expect("confidential");
        tx.commit().await.expect("commit");
        assert_eq!(plan::organisation_flags(&db, org).await.expect("flags"), Some((true, true)));
        let rows: Vec<(String,)> = db
            .fetch_all(vaski_store::sql("SELECT changes FROM audit_log WHERE entity = 'organisation' AND entity_id = $1 AND action = 'update' ORDER BY id").bind(org))
            .await
            .expect("audit");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows[0].0.contains("\"field\":\"home\"") && rows[0].0.contains("\"old\":\"false\""), "{}", rows[0].0);
        assert!(rows[1].0.contains("confidential"));
        let mut tx = db.begin().await.expect("begin");
        let e = plan::mark_home(&mut tx, org + 1000, true, &actor()).await.expect_err("no such organisation");
        assert!(matches!(e, StoreError::NotFound));
    }
}
