//! Committee democracy through the pages alone, as on a phone without JavaScript.

use outnumber::core::Timestamp;
use reqwest::StatusCode;

use crate::both;
use crate::common::TestApp;
use crate::pages::{Browser, register};

both!(
    a_motion_is_moved_voted_and_closed_with_forms,
    an_election_and_a_demand_with_forms
);

fn local_in(secs: i64) -> String {
    // The form's datetime-local value, on the committee's clocks (the server's zone, UTC,
    // for committees founded without one).
    Timestamp::now().plus_millis(secs * 1000).rfc3339()[..16].to_owned()
}

async fn committee(app: &TestApp, browser: &Browser, name: &str) -> String {
    let (status, body, location) = browser
        .submit(
            "/committees/new",
            "/committees/new",
            &[
                ("kind", "workplace"),
                ("name", name),
                ("workplace_type", "depot"),
                ("industry", "logistics"),
                ("region", "Minneapolis"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let _ = app;
    location.expect("committee page")
}

async fn join(app: &TestApp, inviter: &Browser, committee_page: &str, handle: &str) -> Browser {
    let (_, _, invite) = inviter
        .submit(
            committee_page,
            &format!("{committee_page}/invites"),
            &[("kind", "member"), ("max_uses", "1")],
        )
        .await;
    let code = invite
        .expect("invite")
        .trim_start_matches("/invites/")
        .to_owned();
    let person = Browser::new(app);
    register(&person, handle, &code).await;
    person
}

async fn a_motion_is_moved_voted_and_closed_with_forms(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let page = committee(&app, &rosa, "Depot").await;
    let amir = join(&app, &rosa, &page, "amir").await;

    let (_, committee_html, _) = amir.get(&page).await;
    assert!(
        committee_html.contains(&format!("{page}/motions")),
        "the committee page links to its motions"
    );
    let new_form = format!("{page}/motions/new?kind=decision");
    let (status, form, _) = amir.get(&new_form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("datetime-local"));
    let closes = local_in(3600);
    let (status, body, location) = amir
        .submit(
            &new_form,
            &format!("{page}/motions/new"),
            &[
                ("kind", "decision"),
                ("title", "Refuse forced overtime"),
                ("body", "We stop at 8 hours."),
                ("ballot", "secret"),
                ("closes_at_local", &closes),
                ("quorum_percent", "50"),
                ("majority", "simple"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let motion = location.expect("motion page");
    let (_, shown, _) = rosa.get(&motion).await;
    assert!(shown.contains("Refuse forced overtime") && shown.contains("name=\"choice\""));

    for voter in [&rosa, &amir] {
        let (status, body, location) = voter
            .submit(&motion, &format!("{motion}/ballot"), &[("choice", "yes")])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        // The page it comes back to says at its top that the secret ballot is cast.
        assert_eq!(location.as_deref(), Some(motion.as_str()));
        let (_, confirmed, _) = voter.get(&motion).await;
        assert!(confirmed.contains("id=\"notice\""), "{confirmed}");
    }
    let (status, again, _) = amir
        .submit(&motion, &format!("{motion}/ballot"), &[("choice", "no")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again.contains("class=\"error\""),
        "the page says why: {again}"
    );
    let (_, after, _) = amir.get(&motion).await;
    assert!(
        !after.contains("name=\"choice\""),
        "a secret ballot is cast once"
    );

    // A plain member cannot close it; the coordinator can.
    let (status, _, _) = amir
        .post(&format!("{motion}/close"), &[("csrf", "x")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = rosa.submit(&motion, &format!("{motion}/close"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, closed, _) = amir.get(&motion).await;
    assert!(closed.contains("<meter"), "results with meters: {closed}");
    let (_, list, _) = amir.get(&format!("{page}/motions")).await;
    assert!(list.contains("outcome-carried"), "{list}");
}

async fn an_election_and_a_demand_with_forms(app: TestApp) {
    let rosa = Browser::new(&app);
    register(&rosa, "rosa", "").await;
    let page = committee(&app, &rosa, "Depot").await;
    let amir = join(&app, &rosa, &page, "amir").await;

    let (status, body, location) = amir
        .submit(
            &format!("{page}/demands"),
            &format!("{page}/demands"),
            &[
                ("title", "Heat breaks"),
                ("body", "15 minutes every hour above 30°C."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let demand = location.expect("demand page");
    let (_, shown, _) = rosa.get(&demand).await;
    assert!(shown.contains("Heat breaks") && shown.contains("kind=adopt_demand"));
    let demand_id = demand.trim_start_matches("/demands/");
    let adopt_form = format!("{page}/motions/new?kind=adopt_demand&demand_id={demand_id}");
    let (_, form, _) = rosa.get(&adopt_form).await;
    assert!(
        form.contains(&format!("value=\"{demand_id}\" selected")),
        "the demand is chosen already"
    );
    let (status, body, location) = rosa
        .submit(
            &adopt_form,
            &format!("{page}/motions/new"),
            &[
                ("kind", "adopt_demand"),
                ("title", "Adopt heat breaks"),
                ("ballot", "open"),
                ("closes_at_local", &local_in(600)),
                ("demand_id", demand_id),
                ("quorum_percent", "50"),
                ("majority", "simple"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let motion = location.expect("motion");
    let (_, _, open_vote) = rosa
        .submit(&motion, &format!("{motion}/ballot"), &[("choice", "yes")])
        .await;
    assert_eq!(
        open_vote.as_deref(),
        Some(motion.as_str()),
        "back to the motion"
    );
    let (_, voted, _) = rosa.get(&motion).await;
    assert!(
        voted.contains("id=\"notice\">")
            && voted.contains("You can change it until the vote closes"),
        "an open vote is said to be changeable: {voted}"
    );
    amir.submit(&motion, &format!("{motion}/ballot"), &[("choice", "yes")])
        .await;
    rosa.submit(&motion, &format!("{motion}/close"), &[]).await;
    let (_, adopted, _) = amir.get(&demand).await;
    assert!(adopted.contains("status-adopted"), "{adopted}");

    // A council for the election, with a form of checkboxes.
    let (_, _, council_page) = rosa
        .submit(
            "/committees/new",
            "/committees/new",
            &[("kind", "council"), ("name", "Council")],
        )
        .await;
    let council_page = council_page.expect("council");
    let (_, _, code_page) = rosa
        .submit(
            &council_page,
            &format!("{council_page}/invites"),
            &[("kind", "affiliation")],
        )
        .await;
    let code = code_page
        .expect("code")
        .trim_start_matches("/invites/")
        .to_owned();
    let (status, _, _) = rosa
        .submit(&page, &format!("{page}/affiliations"), &[("code", &code)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let council_id = council_page.trim_start_matches("/committees/");
    let election_form = format!("{page}/motions/new?kind=elect_delegates");
    let (_, form, _) = rosa.get(&election_form).await;
    let amir_id = {
        let marker = "name=\"candidate\" value=\"";
        let found: Vec<&str> = form
            .match_indices(marker)
            .map(|(i, _)| &form[i + marker.len()..i + marker.len() + 16])
            .collect();
        assert_eq!(found.len(), 2, "one checkbox per member");
        let (_, members, _) = amir.get(&page).await;
        found
            .into_iter()
            .find(|id| members.contains(&format!("/members/{id}/")))
            .map(str::to_owned)
            .unwrap_or_default()
    };
    let (status, body, location) = rosa
        .submit(
            &election_form,
            &format!("{page}/motions/new"),
            &[
                ("kind", "elect_delegates"),
                ("title", "Our delegate"),
                ("ballot", "secret"),
                ("closes_at_local", &local_in(600)),
                ("council_id", council_id),
                ("seats", "1"),
                ("candidate", &amir_id),
                ("quorum_percent", "50"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let election = location.expect("election");
    for voter in [&rosa, &amir] {
        let (status, body, _) = voter
            .submit(
                &election,
                &format!("{election}/ballot"),
                &[("candidate", &amir_id)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    rosa.submit(&election, &format!("{election}/close"), &[])
        .await;
    let (_, delegates, _) = amir.get(&format!("{page}/delegates")).await;
    assert!(
        delegates.contains("Council") && delegates.contains("kind=recall"),
        "{delegates}"
    );
    let (status, program, _) = amir.get(&format!("{council_page}/program")).await;
    assert_eq!(status, StatusCode::OK, "{program}");
}
