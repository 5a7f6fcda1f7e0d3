//! The home page: what needs the user's attention today.

use super::{render, Frame};
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use time::{Duration, OffsetDateTime};
use vaski_store::network::agreement::{self, Agreement};
use vaski_store::network::health::EXPIRING_WITHIN_DAYS;
use vaski_store::network::interaction::{self, Interaction};
use vaski_store::network::organisation::{self, Filter, Summary};
use vaski_store::Page;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: Frame,
    follow_ups: Vec<Interaction>,
    expiring: Vec<Agreement>,
    my_single_owner: Vec<Summary>,
    organisations: i64,
}

/// Follow-ups due within the coming week count as due.
const FOLLOW_UP_HORIZON_DAYS: i64 = 7;

pub async fn home(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let today = OffsetDateTime::now_utc().date();
    let follow_ups = interaction::follow_ups_due(
        &state.db,
        session.user.id,
        today + Duration::days(FOLLOW_UP_HORIZON_DAYS),
    )
    .await?;
    let (expiring, my_single_owner, organisations) = if session.user.role.sees_whole_network() {
        let filter = Filter {
            owner: Some(session.user.id),
            single_owner: true,
            ..Default::default()
        };
        let (mine, _) = organisation::list(&state.db, &filter, Page::new(20, 0)).await?;
        (
            agreement::expiring(&state.db, today, EXPIRING_WITHIN_DAYS, None).await?,
            mine,
            organisation::count(&state.db).await?,
        )
    } else {
        let own: Vec<i64> = session.user.organisation_id.into_iter().collect();
        (
            agreement::expiring(&state.db, today, EXPIRING_WITHIN_DAYS, Some(&own)).await?,
            Vec::new(),
            0,
        )
    };
    let page = Frame::of(&session, "/", "home-title");
    render(&HomePage {
        page,
        follow_ups,
        expiring,
        my_single_owner,
        organisations,
    })
}
