//! Store tests of Suunta's workshops: joining through the code, ideas and themes, dot votes
//! within the budget and the cap, and the ranked result, on SQLite and on PostgreSQL.

use jiff::{SignedDuration, Timestamp};
use time::macros::date;
use vaski_domain::account::Role;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_domain::strategy::workshop::{
    DisplayName, IdeaText, JoinCode, ThemeName, VoteRefusal, VoteRules, Window, WorkshopDraft,
};
use vaski_domain::text::Email;
use vaski_domain::Language;
use vaski_store::account::{self, NewUser};
use vaski_store::audit;
use vaski_store::network::organisation;
use vaski_store::strategy::workshop::{self, Participant, VoteRefused, Voted, Workshop};
use vaski_store::{both_databases, sql, Actor, Db, StoreError};

fn actor() -> Actor {
    Actor::system("test")
}

/// The workshop of 5 June 2023 runs 9:00–16:00 Finnish summer time.
fn opens() -> Timestamp {
    "2023-06-05T06:00:00Z".parse().expect("a time")
}

fn closes() -> Timestamp {
    "2023-06-05T13:00:00Z".parse().expect("a time")
}

/// A moment during the workshop.
fn during() -> Timestamp {
    opens() + SignedDuration::from_hours(2)
}

fn after() -> Timestamp {
    closes() + SignedDuration::from_mins(1)
}

fn draft(budget: i64, cap: Option<i64>, anonymous: bool) -> WorkshopDraft {
    WorkshopDraft {
        title: "Työelämäyhteistyön työpaja".into(),
        held_on: date!(2023 - 06 - 05),
        theme: Some("Verkostomainen, vastuullinen työelämäyhteistyö".into()),
        window: Window::new(opens(), closes()).expect("valid input"),
        rules: VoteRules::new(budget, cap, anonymous).expect("valid input"),
    }
}

/// A 2023–2027 plan of a new institution.
async fn plan(db: &Db) -> i64 {
    let org = OrganisationInput {
        name: "Lounais-Hämeen koulutuskuntayhtymä".into(),
        kind: "vocational_institution".into(),
        municipality: "Forssa".into(),
        ..Default::default()
    }
    .validate()
    .expect("a valid organisation");
    let draft = vaski_domain::strategy::plan::PlanInput {
        title: "Työelämäyhteistyön suunta 2023–2027".into(),
        first_year: "2023".into(),
        last_year: "2027".into(),
        ..Default::default()
    }
    .validate()
    .expect("a valid plan");
    let mut tx = db.begin().await.expect("the store works");
    let organisation_id = organisation::create(&mut tx, &org, date!(2020 - 01 - 01), &actor())
        .await
        .expect("the store works");
    let id = vaski_store::strategy::plan::create(&mut tx, organisation_id, &draft, &actor())
        .await
        .expect("the store works");
    tx.commit().await.expect("the store works");
    id
}

async fn workshop(db: &Db, d: &WorkshopDraft) -> Workshop {
    let plan = plan(db).await;
    let mut tx = db.begin().await.expect("the store works");
    let w = workshop::create(&mut tx, plan, d, &actor())
        .await
        .expect("the store works");
    tx.commit().await.expect("the store works");
    w
}

async fn join(db: &Db, w: &Workshop, name: &str) -> (Participant, String) {
    let joined = workshop::join_with_code(
        db,
        &w.code,
        &DisplayName::parse(name).expect("valid input"),
        during(),
    )
    .await
    .expect("the store works");
    (joined.participant, joined.token)
}

async fn idea(db: &Db, author: &Participant, text: &str) -> i64 {
    let mut tx = db.begin().await.expect("the store works");
    let idea = workshop::add_idea(
        &mut tx,
        author,
        &IdeaText::parse(text).expect("valid input"),
        None,
    )
    .await
    .expect("the store works");
    tx.commit().await.expect("the store works");
    idea.id
}

async fn vote(db: &Db, who: &Participant, idea: i64, dots: u32) -> Result<Voted, VoteRefused> {
    workshop::set_dots(db, who.id, idea, dots, during())
        .await
        .expect("the store works")
}

/// Every idea's dots, in the order the ideas were written.
async fn totals(db: &Db, w: &Workshop) -> Vec<(i64, u32)> {
    let mut t: Vec<(i64, u32)> = workshop::result(db, w.id)
        .await
        .expect("the store works")
        .into_iter()
        .map(|r| (r.idea_id, r.dots))
        .collect();
    t.sort();
    t
}

async fn user(db: &Db) -> i64 {
    account::create_user(
        db,
        NewUser {
            email: &Email::parse("rehtori@lhkk.fi").expect("valid input"),
            name: "Rehtori",
            role: Role::Staff,
            organisation_id: None,
            password_hash: None,
            language: Language::Fi,
        },
        &actor(),
    )
    .await
    .expect("the store works")
}

both_databases! {
    async fn a_new_workshop_gets_a_code_and_is_listed_under_its_plan(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        assert_eq!(w.code.as_str().len(), 8);
        assert_eq!(workshop::by_code(&db, &w.code).await.expect("the store works"), Some(w.clone()));
        assert_eq!(workshop::of_plan(&db, w.plan_id).await.expect("the store works"), vec![w.clone()]);
        let typed = JoinCode::parse(&w.code.to_string().to_lowercase()).expect("valid input");
        assert_eq!(workshop::by_code(&db, &typed).await.expect("the store works").map(|x| x.id), Some(w.id));
    }

    async fn a_vote_past_the_budget_is_refused_and_nothing_changes(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        let b = idea(&db, &maija, "Konepajan ja koulun yhteinen laite").await;
        assert_eq!(vote(&db, &maija, a, 4).await, Ok(Voted { dots: 4, left: 1 }));
        assert_eq!(
            vote(&db, &maija, b, 2).await,
            Err(VoteRefused::Rules(VoteRefusal::PastBudget { left: 1, at_most: 1 }))
        );
        assert_eq!(totals(&db, &w).await, vec![(a, 4), (b, 0)]);
        assert_eq!(workshop::remaining_dots(&db, maija.id).await.expect("the store works"), 1);
        assert_eq!(vote(&db, &maija, b, 1).await, Ok(Voted { dots: 1, left: 0 }));
        assert_eq!(vote(&db, &maija, a, 2).await, Ok(Voted { dots: 2, left: 2 }), "dots can be moved back");
        assert_eq!(workshop::dots_of(&db, maija.id).await.expect("the store works"), vec![(a, 2), (b, 1)]);
    }

    async fn the_cap_per_idea_holds(db) {
        let w = workshop(&db, &draft(10, Some(3), true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Harjoittelupaikkojen yhteinen haku").await;
        assert_eq!(vote(&db, &maija, a, 3).await.map(|v| v.dots), Ok(3));
        assert_eq!(
            vote(&db, &maija, a, 4).await,
            Err(VoteRefused::Rules(VoteRefusal::PastCap { cap: 3 }))
        );
        assert_eq!(totals(&db, &w).await, vec![(a, 3)]);
        let as_error: StoreError = VoteRefused::Rules(VoteRefusal::PastCap { cap: 3 }).into();
        assert!(matches!(as_error, StoreError::Invalid { field: "dots", key: "error-workshop-past-cap" }));
    }

    async fn taking_all_dots_back_removes_the_vote(db) {
        let w = workshop(&db, &draft(5, None, false)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        vote(&db, &maija, a, 2).await.expect("the store works");
        assert_eq!(vote(&db, &maija, a, 0).await, Ok(Voted { dots: 0, left: 5 }));
        let result = workshop::result(&db, w.id).await.expect("the store works");
        assert_eq!((result[0].dots, result[0].voters), (0, 0));
        assert_eq!(result[0].named_voters, Some(Vec::new()));
    }

    async fn a_vote_after_the_window_closed_is_refused(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        let late = workshop::set_dots(&db, maija.id, a, 1, after()).await.expect("the store works");
        assert_eq!(late.map_err(|e| e.key()), Err("error-workshop-closed"));
        assert_eq!(totals(&db, &w).await, vec![(a, 0)]);
    }

    async fn anonymous_results_show_no_voters(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        vote(&db, &maija, a, 2).await.expect("the store works");
        let result = workshop::result(&db, w.id).await.expect("the store works");
        assert_eq!((result[0].dots, result[0].voters), (2, 1));
        assert_eq!(result[0].named_voters, None);
        let history = audit::recent(&db, 50).await.expect("the store works");
        let vote_entry = history.iter().find(|e| e.entity == "workshop_vote").expect("an audit entry of the vote");
        assert_ne!(vote_entry.actor, "Maija", "the history does not tell who gave anonymous dots");
    }

    async fn named_results_show_who_gave_how_many_dots(db) {
        let w = workshop(&db, &draft(5, None, false)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let (pekka, _) = join(&db, &w, "Pekka").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        vote(&db, &maija, a, 1).await.expect("the store works");
        vote(&db, &pekka, a, 3).await.expect("the store works");
        let result = workshop::result(&db, w.id).await.expect("the store works");
        let names: Vec<(String, u32)> = result[0]
            .named_voters
            .clone()
            .expect("named votes")
            .into_iter()
            .map(|v| (v.name, v.dots))
            .collect();
        assert_eq!(names, vec![("Pekka".to_string(), 3), ("Maija".to_string(), 1)]);
    }

    async fn ranking_ties_share_a_rank(db) {
        let w = workshop(&db, &draft(10, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let (pekka, _) = join(&db, &w, "Pekka").await;
        let first = idea(&db, &maija, "Eniten pisteitä").await;
        let tied_a = idea(&db, &maija, "Tasapeli A").await;
        let tied_b = idea(&db, &maija, "Tasapeli B").await;
        let last = idea(&db, &maija, "Vähiten").await;
        vote(&db, &maija, first, 3).await.expect("the store works");
        vote(&db, &pekka, first, 3).await.expect("the store works");
        vote(&db, &maija, tied_a, 1).await.expect("the store works");
        vote(&db, &pekka, tied_a, 1).await.expect("the store works");
        vote(&db, &maija, tied_b, 1).await.expect("the store works");
        vote(&db, &pekka, tied_b, 1).await.expect("the store works");
        vote(&db, &pekka, last, 2).await.expect("the store works");
        let ranks: Vec<(u32, i64)> = workshop::result(&db, w.id)
            .await
            .expect("the store works")
            .into_iter()
            .map(|r| (r.rank, r.idea_id))
            .collect();
        // `last` has as many dots as each tied idea but one voter fewer.
        assert_eq!(ranks, vec![(1, first), (2, tied_a), (2, tied_b), (4, last)]);
    }

    async fn a_closed_workshops_code_no_longer_admits_anyone(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let name = DisplayName::parse("Myöhästyjä").expect("valid input");
        let late = workshop::join_with_code(&db, &w.code, &name, after()).await;
        assert!(matches!(late, Err(StoreError::Invalid { field: "code", key: "error-workshop-closed" })));
        let early = workshop::join_with_code(&db, &w.code, &name, opens() - SignedDuration::from_hours(1)).await;
        assert!(matches!(early, Err(StoreError::Invalid { field: "code", key: "error-workshop-not-open-yet" })));
        let unknown = JoinCode::parse("ZZZZ-ZZZZ").expect("valid input");
        assert!(matches!(workshop::join_with_code(&db, &unknown, &name, during()).await, Err(StoreError::NotFound)));
        assert!(workshop::participants(&db, w.id).await.expect("the store works").is_empty());
    }

    async fn a_participant_token_works_only_for_its_own_workshop_while_it_is_open(db) {
        let ours = workshop(&db, &draft(5, None, true)).await;
        let theirs = workshop(&db, &draft(5, None, true)).await;
        let (maija, token) = join(&db, &ours, "Maija").await;
        assert_eq!(
            workshop::participant_by_token(&db, ours.id, &token, during()).await.expect("the store works"),
            Some(maija.clone())
        );
        assert_eq!(workshop::participant_by_token(&db, theirs.id, &token, during()).await.expect("the store works"), None);
        assert_eq!(workshop::participant_by_token(&db, ours.id, &token, after()).await.expect("the store works"), None);
        assert_eq!(workshop::participant_by_token(&db, ours.id, "arvattu", during()).await.expect("the store works"), None);
        let (stored,): (Option<String>,) = db
            .fetch_one(sql("SELECT token_hash FROM workshop_participants WHERE id = $1").bind(maija.id))
            .await
            .expect("the store works");
        assert_ne!(stored.as_deref(), Some(token.as_str()), "only the token's hash is stored");
    }

    async fn a_vote_on_another_workshops_idea_is_not_found(db) {
        let ours = workshop(&db, &draft(5, None, true)).await;
        let theirs = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &ours, "Maija").await;
        let (pekka, _) = join(&db, &theirs, "Pekka").await;
        let their_idea = idea(&db, &pekka, "Toisen työpajan idea").await;
        let r = workshop::set_dots(&db, maija.id, their_idea, 1, during()).await;
        assert!(matches!(r, Err(StoreError::NotFound)));
    }

    async fn concurrent_votes_of_one_participant_never_exceed_the_budget(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let mut ideas = Vec::new();
        for n in 0..10 {
            ideas.push(idea(&db, &maija, &format!("Idea {n}")).await);
        }
        let tasks: Vec<_> = ideas
            .iter()
            .map(|&idea| {
                let db = db.clone();
                let id = maija.id;
                tokio::spawn(async move { workshop::set_dots(&db, id, idea, 1, during()).await })
            })
            .collect();
        let mut accepted = 0;
        for t in tasks {
            if t.await.expect("the task ends").expect("the store works").is_ok() {
                accepted += 1;
            }
        }
        assert_eq!(accepted, 5, "exactly the budget's worth of votes went in");
        let given: u32 = totals(&db, &w).await.iter().map(|(_, d)| d).sum();
        assert_eq!(given, 5);
        assert_eq!(workshop::remaining_dots(&db, maija.id).await.expect("the store works"), 0);
    }

    async fn joining_as_a_user_twice_gives_the_same_participant(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let user = user(&db).await;
        let name = DisplayName::parse("Rehtori").expect("valid input");
        let mut tx = db.begin().await.expect("the store works");
        let first = workshop::join_as_user(&mut tx, w.id, user, &name).await.expect("the store works");
        let again = workshop::join_as_user(&mut tx, w.id, user, &name).await.expect("the store works");
        tx.commit().await.expect("the store works");
        assert_eq!(first, again);
        assert_eq!(first.user_id, Some(user));
        assert_eq!(workshop::participants(&db, w.id).await.expect("the store works").len(), 1);
        assert_eq!(workshop::participant_of_user(&db, w.id, user).await.expect("the store works"), Some(first));
    }

    async fn an_anonymous_participants_changes_are_audited_under_their_name(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija Mallikas").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        let history = audit::organisation_history(&db, w.organisation_id, 50).await.expect("the store works");
        let entry = history.iter().find(|e| e.entity == "idea" && e.entity_id == Some(a)).expect("an audit entry of the idea");
        assert_eq!(entry.actor, "Maija Mallikas");
        assert_eq!(entry.action, "create");
    }

    async fn ideas_are_grouped_into_themes_and_ungrouped_when_a_theme_goes(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        let b = idea(&db, &maija, "Harjoittelupaikkojen haku").await;
        let mut tx = db.begin().await.expect("the store works");
        let theme = workshop::create_theme(&mut tx, w.id, &ThemeName::parse("Rekrytointi").expect("valid input"), &actor()).await.expect("the store works");
        workshop::move_ideas(&mut tx, w.id, &[a, b], Some(theme.id), &actor()).await.expect("the store works");
        workshop::rename_theme(&mut tx, theme.id, &ThemeName::parse("Osaajat").expect("valid input"), &actor()).await.expect("the store works");
        tx.commit().await.expect("the store works");
        let result = workshop::result(&db, w.id).await.expect("the store works");
        assert!(result.iter().all(|r| r.theme.as_deref() == Some("Osaajat")));

        let mut tx = db.begin().await.expect("the store works");
        let taken = workshop::create_theme(&mut tx, w.id, &ThemeName::parse("Osaajat").expect("valid input"), &actor()).await;
        assert!(matches!(taken, Err(StoreError::Invalid { field: "name", key: "error-workshop-theme-taken" })));
        workshop::delete_theme(&mut tx, theme.id, &actor()).await.expect("the store works");
        tx.commit().await.expect("the store works");
        let ideas = workshop::ideas(&db, w.id).await.expect("the store works");
        assert_eq!(ideas.len(), 2, "the ideas stay");
        assert!(ideas.iter().all(|i| i.theme_id.is_none()));
    }

    async fn ideas_of_another_workshop_cannot_be_moved_into_a_theme(db) {
        let ours = workshop(&db, &draft(5, None, true)).await;
        let theirs = workshop(&db, &draft(5, None, true)).await;
        let (pekka, _) = join(&db, &theirs, "Pekka").await;
        let their_idea = idea(&db, &pekka, "Toisen työpajan idea").await;
        let mut tx = db.begin().await.expect("the store works");
        let theme = workshop::create_theme(&mut tx, ours.id, &ThemeName::parse("Meidän").expect("valid input"), &actor()).await.expect("the store works");
        let moved = workshop::move_ideas(&mut tx, ours.id, &[their_idea], Some(theme.id), &actor()).await;
        assert!(matches!(moved, Err(StoreError::NotFound)));
        let foreign_theme = workshop::move_ideas(&mut tx, theirs.id, &[their_idea], Some(theme.id), &actor()).await;
        assert!(matches!(foreign_theme, Err(StoreError::Invalid { field: "theme_id", .. })));
        tx.commit().await.expect("the store works");
        assert_eq!(workshop::idea(&db, their_idea).await.expect("the store works").expect("it exists").theme_id, None);
    }

    async fn an_idea_is_edited_and_deleted_and_its_dots_return(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtum").await;
        vote(&db, &maija, a, 3).await.expect("the store works");
        let mut tx = db.begin().await.expect("the store works");
        workshop::edit_idea(&mut tx, a, &IdeaText::parse("Yhteinen rekrytointitapahtuma").expect("valid input"), &maija.actor()).await.expect("the store works");
        tx.commit().await.expect("the store works");
        assert_eq!(workshop::idea(&db, a).await.expect("the store works").expect("it exists").text, "Yhteinen rekrytointitapahtuma");
        let mut tx = db.begin().await.expect("the store works");
        workshop::delete_idea(&mut tx, a, &maija.actor()).await.expect("the store works");
        tx.commit().await.expect("the store works");
        assert!(workshop::ideas(&db, w.id).await.expect("the store works").is_empty());
        assert_eq!(workshop::remaining_dots(&db, maija.id).await.expect("the store works"), 5);
    }

    async fn a_budget_below_the_dots_already_given_is_refused(db) {
        let w = workshop(&db, &draft(5, None, true)).await;
        let (maija, _) = join(&db, &w, "Maija").await;
        let a = idea(&db, &maija, "Yhteinen rekrytointitapahtuma").await;
        vote(&db, &maija, a, 4).await.expect("the store works");
        let mut tx = db.begin().await.expect("the store works");
        let lower = workshop::update(&mut tx, w.id, &draft(3, None, true), &actor()).await;
        assert!(matches!(lower, Err(StoreError::Invalid { field: "vote_budget", .. })));
        let capped = workshop::update(&mut tx, w.id, &draft(5, Some(2), true), &actor()).await;
        assert!(matches!(capped, Err(StoreError::Invalid { field: "vote_cap", .. })));
        let renamed = WorkshopDraft { title: "Kevään työpaja".into(), ..draft(6, None, false) };
        workshop::update(&mut tx, w.id, &renamed, &actor()).await.expect("the store works");
        tx.commit().await.expect("the store works");
        let now = workshop::get(&db, w.id).await.expect("the store works").expect("it exists");
        assert_eq!((now.title.as_str(), now.rules.budget(), now.code), ("Kevään työpaja", 6, w.code));
    }
}
