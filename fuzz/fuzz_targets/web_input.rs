//! What the web layer reads from requests before any handler: JSON bodies of every request
//! type, cookies, `Accept-Language`, the return path after logging in.
#![no_main]

use axum::http::{HeaderMap, HeaderValue, header};
use libfuzzer_sys::fuzz_target;
use outnumber::web::caller::{cookie, safe_next, urlencode};
use outnumber::web::extract::parse_json;

macro_rules! bodies {
    ($data:expr, $($ty:path),+ $(,)?) => {
        $(
            // A refusal is fine; it must be one of the two 4xx kinds, never a panic.
            if let Err(err) = parse_json::<$ty>($data) {
                let status = err.problem().status;
                assert!(status == 400 || status == 422, "{status}");
            }
        )+
    };
}

fuzz_target!(|data: &[u8]| {
    bodies!(
        data,
        outnumber::accounts::api::RegisterRequest,
        outnumber::accounts::api::LogInRequest,
        outnumber::accounts::api::ProfileRequest,
        outnumber::accounts::api::DeleteAccountRequest,
        outnumber::accounts::api::TokenRequest,
        outnumber::actions::api::CallRequest,
        outnumber::actions::api::WorkforceRequest,
        outnumber::bulletins::api::PublishRequest,
        outnumber::committees::api::FoundRequest,
        outnumber::committees::api::RoleRequest,
        outnumber::committees::api::InviteRequest,
        outnumber::committees::api::AffiliationRequest,
        outnumber::committees::api::RegistrationInviteRequest,
        outnumber::committees::api::TimeZoneRequest,
        outnumber::delivery::api::Unsubscribe,
        outnumber::delivery::api::UpdateSettings,
        outnumber::delivery::push::Subscription,
        outnumber::demands::api::DraftRequest,
        outnumber::incidents::api::ReportRequest,
        outnumber::incidents::api::RespondRequest,
        outnumber::incidents::api::ResolveRequest,
        outnumber::meetings::api::ScheduleRequest,
        outnumber::meetings::api::ChangeRequest,
        outnumber::meetings::api::RsvpRequest,
        outnumber::meetings::api::MinutesRequest,
        outnumber::meetings::api::AttendedRequest,
        outnumber::motions::api::MotionRequest,
        outnumber::motions::api::BallotRequest,
        outnumber::notifications::api::MarkRead,
    );

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let next = safe_next(Some(text));
    assert!(
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\'),
        "{next:?}"
    );
    assert!(!next.chars().any(char::is_control));

    let encoded = urlencode(text);
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~/%".contains(&b))
    );

    if let Ok(value) = HeaderValue::from_str(text) {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, value.clone());
        if let Some(found) = cookie(&headers, "outnumber_session") {
            assert!(!found.contains(';'));
        }
        let _ = outnumber::core::fields::Language::negotiate(text);
    }
});
