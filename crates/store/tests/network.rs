//! Store tests: every one runs on SQLite and on PostgreSQL.

use time::macros::date;
use vaski_domain::network::interaction::InteractionInput;
use vaski_domain::network::organisation::OrganisationInput;
use vaski_store::network::{health, interaction, organisation};
use vaski_store::{both_databases, Actor, Page, StoreError};

fn hitsaamo() -> OrganisationInput {
    OrganisationInput {
        name: "Forssan Hitsaamo Oy".into(),
        business_id: "0112038-9".into(),
        kind: "company".into(),
        industry: "25".into(),
        municipality: "Forssa".into(),
        tags: "metalli, hitsaus".into(),
        cooperation: vec!["workplace_learning".into()],
        ..Default::default()
    }
}

fn actor() -> Actor {
    Actor::system("test")
}

both_databases! {
    async fn an_organisation_is_stored_and_read_back_with_its_tags(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let id = organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        tx.commit().await.expect("commit");
        let o = organisation::get(&db, id).await.expect("get").expect("exists");
        assert_eq!(o.name, "Forssan Hitsaamo Oy");
        assert_eq!(o.business_id.as_deref(), Some("0112038-9"));
        assert_eq!(o.municipality_code.as_deref(), Some("061"));
        assert_eq!(o.industry_classification.as_deref(), Some("TOL 2008"));
        assert_eq!(o.tags, vec!["hitsaus".to_string(), "metalli".to_string()]);
        assert_eq!(o.partner_since, date!(2024 - 01 - 15));
    }

    async fn a_second_organisation_with_the_same_business_id_is_a_conflict(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        let again = organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await;
        assert!(matches!(again, Err(StoreError::Conflict { .. })), "{again:?}");
    }

    async fn search_finds_the_workshop_by_its_trade_and_inflected_town(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        tx.commit().await.expect("commit");
        for q in ["hitsaus", "forssassa", "FORSSAN hitsaus"] {
            let f = organisation::Filter { q: Some(q.into()), ..Default::default() };
            let (rows, total) = organisation::list(&db, &f, Page::default()).await.expect("list");
            assert_eq!(total, 1, "{q}");
            assert_eq!(rows[0].name, "Forssan Hitsaamo Oy");
        }
        let f = organisation::Filter { q: Some("leipomo".into()), ..Default::default() };
        assert_eq!(organisation::list(&db, &f, Page::default()).await.expect("list").1, 0);
    }

    async fn search_follows_a_renamed_and_a_deleted_organisation(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let id = organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        let renamed = OrganisationInput { name: "Forssan Leipomo Oy".into(), tags: String::new(), ..hitsaamo() }.validate().expect("valid");
        organisation::update(&mut tx, id, &renamed, &actor()).await.expect("update");
        tx.commit().await.expect("commit");
        let found = |q: &'static str| {
            let db = db.clone();
            async move {
                let f = organisation::Filter { q: Some(q.into()), ..Default::default() };
                organisation::list(&db, &f, Page::default()).await.expect("list").1
            }
        };
        assert_eq!((found("leipomo").await, found("hitsaamo").await), (1, 0));
        let mut tx = db.begin().await.expect("begin");
        organisation::delete(&mut tx, id, &actor()).await.expect("delete");
        tx.commit().await.expect("commit");
        assert_eq!(found("leipomo").await, 0);
    }

    async fn an_update_is_audited_field_by_field(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let id = organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        let changed = OrganisationInput { municipality: "Jokioinen".into(), ..hitsaamo() }.validate().expect("valid");
        assert!(organisation::update(&mut tx, id, &changed, &actor()).await.expect("update"));
        assert!(!organisation::update(&mut tx, id, &changed, &actor()).await.expect("update again"));
        tx.commit().await.expect("commit");
        let history = vaski_store::audit::organisation_history(&db, id, 10).await.expect("history");
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].action, "update");
        assert_eq!(history[0].changes.len(), 1);
        assert_eq!(history[0].changes[0].field, "municipality");
        assert_eq!(history[0].changes[0].old.as_deref(), Some("061"));
        assert_eq!(history[0].changes[0].new.as_deref(), Some("169"));
    }

    async fn an_interaction_moves_the_last_interaction_date_and_dormancy(db) {
        let draft = hitsaamo().validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        let id = organisation::create(&mut tx, &draft, date!(2020 - 01 - 15), &actor()).await.expect("create");
        tx.commit().await.expect("commit");
        let today = date!(2025 - 06 - 01);
        let h = health::health(&db, today, 365, 10).await.expect("health");
        assert_eq!(h.dormant_count, 1);
        let visit = InteractionInput { kind: "visit".into(), date: "2025-05-02".into(), ..Default::default() }.validate().expect("valid");
        let mut tx = db.begin().await.expect("begin");
        interaction::create(&mut tx, id, &visit, &actor()).await.expect("interaction");
        tx.commit().await.expect("commit");
        let o = organisation::get(&db, id).await.expect("get").expect("exists");
        assert_eq!(o.last_interaction_on, Some(date!(2025 - 05 - 02)));
        let h = health::health(&db, today, 365, 10).await.expect("health");
        assert_eq!(h.dormant_count, 0);
        assert_eq!(h.new_per_year.len(), 1);
        assert_eq!(h.new_per_year[0].key.as_deref(), Some("2020"));
    }

    async fn a_transaction_dropped_before_commit_leaves_nothing(db) {
        let draft = hitsaamo().validate().expect("valid");
        {
            let mut tx = db.begin().await.expect("begin");
            organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
        }
        assert_eq!(organisation::count(&db).await.expect("count"), 0);
    }
}

both_databases! {
    async fn a_capped_list_pages_like_the_exact_one_and_says_when_it_stopped_counting(db) {
        let user = vaski_store::account::create_user(
            &db,
            vaski_store::account::NewUser {
                email: &vaski_domain::text::Email::parse("omistaja@lhkk.example").expect("email"),
                name: "Omistaja",
                role: vaski_domain::account::Role::Staff,
                organisation_id: None,
                password_hash: None,
                language: vaski_domain::Language::Fi,
            },
            &actor(),
        )
        .await
        .expect("user");
        let mut tx = db.begin().await.expect("begin");
        for (i, name) in ["Alfa Hitsaus Oy", "Beta Hitsaus Oy", "Gamma Leipomo Oy", "Delta Hitsaus Ky", "Epsilon Hitsaus Oy"].iter().enumerate() {
            let draft = OrganisationInput { name: (*name).into(), municipality: "Forssa".into(), tags: "metalli".into(), ..Default::default() }.validate().expect("valid");
            let id = organisation::create(&mut tx, &draft, date!(2024 - 01 - 15), &actor()).await.expect("create");
            if i != 2 {
                organisation::set_owners(&mut tx, id, &[user], &actor()).await.expect("owners");
            }
        }
        tx.commit().await.expect("commit");
        let filters = [
            organisation::Filter { q: Some("hitsaus".into()), ..Default::default() },
            organisation::Filter { owner: Some(user), ..Default::default() },
            organisation::Filter { tag: Some("metalli".into()), kind: Some(vaski_domain::network::OrganisationKind::Company), ..Default::default() },
            organisation::Filter { owner: Some(user), q: Some("oy".into()), ..Default::default() },
            // A tag alone is counted from the tags, and a broad one is paged by ids first.
            organisation::Filter { tag: Some("Metalli".into()), ..Default::default() },
            organisation::Filter { tag: Some("metalli".into()), q: Some("hitsaus".into()), ..Default::default() },
        ];
        for f in &filters {
            let (all, exact) = organisation::list(&db, f, Page::new(50, 0)).await.expect("list");
            assert!(exact > 0, "{f:?} matches something");
            for cap in [2, 100] {
                let mut paged = Vec::new();
                for offset in (0..6).step_by(2) {
                    let (rows, total) = organisation::list_capped(&db, f, Page::new(2, offset), cap).await.expect("capped");
                    assert_eq!(total.at_least, exact >= cap, "{f:?} cap {cap}");
                    assert_eq!(total.count, exact.min(cap), "{f:?} cap {cap}");
                    paged.extend(rows.into_iter().map(|r| r.id));
                }
                assert_eq!(paged, all.iter().map(|r| r.id).collect::<Vec<_>>(), "{f:?} cap {cap}");
            }
        }
    }
}
