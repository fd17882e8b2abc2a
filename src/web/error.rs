//! The one place where errors become HTTP answers.
//!
//! A handler returns [`Error`]; its response carries a [`Problem`] (status, stable code,
//! message key and arguments). The layer around the API renders the problem as
//! `{"error": {"code", "message"}}` in the caller's language; the layer around the pages
//! renders it as an HTML page. Responses that axum makes on its own (unknown route, wrong
//! method, body too large) are turned into problems too, so every error follows the contract.

use std::borrow::Cow;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::core::fields::{Invalid, Problem as FieldProblem};
use crate::core::{Rule, fields::Language};
use crate::db::StoreError;
use crate::error::Error;
use crate::i18n::{Arg, Tr};

/// An error ready to be rendered in any language and any format.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: Cow<'static, str>,
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    field: Option<&'static str>,
    /// The other refused fields of the same request, each a problem of its own (the first
    /// is this one).
    more: Vec<Problem>,
    retry_after_secs: Option<u64>,
}

impl Problem {
    fn new(status: StatusCode, code: impl Into<Cow<'static, str>>, key: &'static str) -> Self {
        Problem {
            status,
            code: code.into(),
            key,
            args: Vec::new(),
            field: None,
            more: Vec::new(),
            retry_after_secs: None,
        }
    }

    /// The request field this problem is about, if it is about one.
    pub fn field(&self) -> Option<&'static str> {
        self.field
    }

    /// This problem and the others of the same request, one per refused field.
    pub fn each(&self) -> impl Iterator<Item = &Problem> {
        std::iter::once(self).chain(self.more.iter())
    }

    fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The problem for a response that carries no [`Error`] of ours.
    pub fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Problem::new(status, "not_found", "error-not-found"),
            StatusCode::METHOD_NOT_ALLOWED => {
                Problem::new(status, "method_not_allowed", "error-method-not-allowed")
            }
            StatusCode::PAYLOAD_TOO_LARGE => {
                Problem::new(status, "payload_too_large", "error-payload-too-large")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Problem::new(
                status,
                "unsupported_media_type",
                "error-unsupported-media-type",
            ),
            s if s.is_server_error() => Problem::new(status, "internal_error", "error-internal"),
            // No detail to show: a message of its own, without the `$detail` argument.
            s => Problem::new(s, "bad_request", "error-request-unreadable"),
        }
    }

    /// The message, naming the field (if any) by its `field-*` label.
    pub fn message(&self, tr: Tr) -> String {
        let label = self.field.map(|field| {
            let label_key = format!("field-{}", field.replace(['_', '.'], "-"));
            if tr.has(&label_key) {
                tr.t(&label_key)
            } else {
                field.to_owned()
            }
        });
        self.message_naming(tr, label)
    }

    /// The message, naming its field as `label` says: a page names it as its form's label
    /// reads.
    pub fn message_naming(&self, tr: Tr, label: Option<String>) -> String {
        let mut args = self.args.clone();
        if let Some(label) = label {
            args.push(("field", Arg::Text(label)));
        }
        tr.with(self.key, &args)
    }

    pub fn json_body(&self, tr: Tr) -> serde_json::Value {
        let mut error = serde_json::json!({
            "code": self.code,
            "message": self.message(tr),
        });
        if let Some(field) = self.field {
            error["field"] = serde_json::Value::from(field);
        }
        // Every refused field, the first too, when a request had several (or one): a client
        // can show them all at once.
        if self.field.is_some() && self.key.starts_with("invalid-") {
            error["fields"] = self
                .each()
                .map(|p| {
                    serde_json::json!({
                        "field": p.field,
                        "code": p.code,
                        "message": p.message(tr),
                    })
                })
                .collect();
        }
        serde_json::json!({ "error": error })
    }

    /// Tells a rate-limited client when to come back, on the API and on pages alike.
    pub fn add_retry_after(&self, response: &mut Response) {
        if let Some(secs) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }

    /// The JSON answer in `tr`'s language, still carrying the problem for later layers.
    pub fn json_response(&self, tr: Tr) -> Response {
        let mut response = (self.status, axum::Json(self.json_body(tr))).into_response();
        self.add_retry_after(&mut response);
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(self.clone());
        response
    }
}

impl Error {
    pub fn problem(&self) -> Problem {
        use StatusCode as S;
        match self {
            Error::Rule(rule) => rule_problem(rule),
            Error::Unauthenticated => {
                Problem::new(S::UNAUTHORIZED, "unauthenticated", "error-unauthenticated")
            }
            Error::InvalidCredentials => Problem::new(
                S::UNAUTHORIZED,
                "invalid_credentials",
                "error-invalid-credentials",
            ),
            Error::InvalidToken => {
                Problem::new(S::UNAUTHORIZED, "invalid_token", "error-invalid-token")
            }
            Error::TokenScope { needs } => {
                Problem::new(S::FORBIDDEN, "token_scope", "error-token-scope").arg("scope", *needs)
            }
            Error::SessionRequired => {
                Problem::new(S::FORBIDDEN, "session_required", "error-session-required")
            }
            Error::BadRequest { code, detail } => {
                let (status, key) = match *code {
                    "payload_too_large" => (S::PAYLOAD_TOO_LARGE, "error-payload-too-large"),
                    "unsupported_media_type" => {
                        (S::UNSUPPORTED_MEDIA_TYPE, "error-unsupported-media-type")
                    }
                    "malformed_json" => (S::BAD_REQUEST, "error-malformed-json"),
                    "invalid_body" => (S::UNPROCESSABLE_ENTITY, "error-invalid-body"),
                    "request_timeout" => (S::REQUEST_TIMEOUT, "error-request-timeout"),
                    _ => (S::BAD_REQUEST, "error-bad-request"),
                };
                Problem::new(status, *code, key).arg("detail", detail.to_string())
            }
            Error::RateLimited { retry_after_secs } => {
                let mut p =
                    Problem::new(S::TOO_MANY_REQUESTS, "rate_limited", "error-rate-limited")
                        .arg("seconds", *retry_after_secs as i64);
                p.retry_after_secs = Some(*retry_after_secs);
                p
            }
            Error::CsrfMismatch => Problem::new(S::FORBIDDEN, "csrf_mismatch", "error-csrf"),
            Error::Busy => {
                let mut p =
                    Problem::new(S::SERVICE_UNAVAILABLE, "server_busy", "error-server-busy");
                p.retry_after_secs = Some(2);
                p
            }
            Error::Store(StoreError::Unavailable(_)) => Problem::new(
                S::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "error-database-unavailable",
            ),
            Error::Store(StoreError::Duplicate) => {
                Problem::new(S::CONFLICT, "conflict", "error-conflict")
            }
            Error::Store(StoreError::Other(_)) | Error::Internal(_) => {
                Problem::new(S::INTERNAL_SERVER_ERROR, "internal_error", "error-internal")
            }
        }
    }
}

fn rule_problem(rule: &Rule) -> Problem {
    use StatusCode as S;
    match rule {
        Rule::Hidden => Problem::new(S::NOT_FOUND, "not_found", "error-not-found"),
        Rule::CoordinatorsOnly => {
            Problem::new(S::FORBIDDEN, "coordinators_only", "error-coordinators-only")
        }
        Rule::AdminsOnly => Problem::new(S::FORBIDDEN, "admins_only", "error-admins-only"),
        Rule::RegistrationClosed => Problem::new(
            S::FORBIDDEN,
            "registration_closed",
            "error-registration-closed",
        ),
        Rule::LastCoordinator => {
            Problem::new(S::CONFLICT, "last_coordinator", "error-last-coordinator")
        }
        Rule::AffiliationCycle => {
            Problem::new(S::CONFLICT, "affiliation_cycle", "error-affiliation-cycle")
        }
        Rule::AlreadyAffiliated => Problem::new(
            S::CONFLICT,
            "already_affiliated",
            "error-already-affiliated",
        ),
        Rule::AlreadyMember => Problem::new(S::CONFLICT, "already_member", "error-already-member"),
        Rule::HandleTaken => {
            let mut p = Problem::new(S::CONFLICT, "handle_taken", "error-handle-taken");
            p.field = Some("handle");
            p
        }
        Rule::DisplayNameTaken => {
            let mut p = Problem::new(
                S::CONFLICT,
                "display_name_taken",
                "error-display-name-taken",
            );
            p.field = Some("display_name");
            p
        }
        Rule::InviteExpired => Problem::new(S::GONE, "invite_expired", "error-invite-expired"),
        Rule::InviteUsedUp => Problem::new(S::GONE, "invite_used_up", "error-invite-used-up"),
        Rule::NotACouncil => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "not_a_council",
            "error-not-a-council",
        ),
        Rule::WrongInviteKind => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "wrong_invite_kind",
            "error-wrong-invite-kind",
        ),
        Rule::MotionClosed => Problem::new(S::CONFLICT, "motion_closed", "error-motion-closed"),
        Rule::AlreadyVoted => Problem::new(S::CONFLICT, "already_voted", "error-already-voted"),
        Rule::DelegatesOnly => Problem::new(S::FORBIDDEN, "delegates_only", "error-delegates-only"),
        Rule::WeightedNeedsCouncil => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "weighted_needs_council",
            "error-weighted-needs-council",
        ),
        Rule::NotAffiliated => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "not_affiliated",
            "error-not-affiliated",
        ),
        Rule::NotADelegate => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "not_a_delegate",
            "error-not-a-delegate",
        ),
        Rule::CandidateNotMember => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "candidate_not_member",
            "error-candidate-not-member",
        ),
        Rule::DemandAlreadyAdopted => Problem::new(
            S::CONFLICT,
            "demand_already_adopted",
            "error-demand-already-adopted",
        ),
        Rule::DemandNotAdopted => Problem::new(
            S::CONFLICT,
            "demand_not_adopted",
            "error-demand-not-adopted",
        ),
        Rule::ActionClosed => Problem::new(S::CONFLICT, "action_closed", "error-action-closed"),
        Rule::PledgesFinal => Problem::new(S::CONFLICT, "pledges_final", "error-pledges-final"),
        Rule::NotInScope => Problem::new(S::FORBIDDEN, "not_in_scope", "error-not-in-scope"),
        Rule::NotAWorkplace => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "not_a_workplace",
            "error-not-a-workplace",
        ),
        Rule::IncidentClosed => {
            Problem::new(S::CONFLICT, "incident_closed", "error-incident-closed")
        }
        Rule::OwnReport => Problem::new(S::UNPROCESSABLE_ENTITY, "own_report", "error-own-report"),
        Rule::ReporterOrCoordinator => Problem::new(
            S::FORBIDDEN,
            "reporter_or_coordinator",
            "error-reporter-or-coordinator",
        ),
        Rule::NoCouncilAbove => Problem::new(
            S::UNPROCESSABLE_ENTITY,
            "no_council_above",
            "error-no-council-above",
        ),
        Rule::TooManyContactLines => Problem::new(
            S::CONFLICT,
            "too_many_contact_lines",
            "error-too-many-contact-lines",
        ),
        Rule::CallerOrCoordinator => Problem::new(
            S::FORBIDDEN,
            "caller_or_coordinator",
            "error-caller-or-coordinator",
        ),
        Rule::MeetingCancelled => {
            Problem::new(S::CONFLICT, "meeting_cancelled", "error-meeting-cancelled")
        }
        Rule::MeetingOver => Problem::new(S::CONFLICT, "meeting_over", "error-meeting-over"),
        Rule::TooManyTokens => {
            Problem::new(S::CONFLICT, "too_many_tokens", "error-too-many-tokens")
        }
        Rule::Invalid(invalids) => {
            let mut each = invalids.iter().map(invalid_problem);
            match each.next() {
                Some(mut first) => {
                    first.more = each.collect();
                    first
                }
                None => Problem::new(
                    S::UNPROCESSABLE_ENTITY,
                    "invalid_body",
                    "error-invalid-body",
                )
                .arg("detail", String::new()),
            }
        }
    }
}

fn invalid_problem(invalid: &Invalid) -> Problem {
    let code = format!("invalid_{}", invalid.field);
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let mut problem = match &invalid.problem {
        FieldProblem::Empty => Problem::new(status, code, "invalid-empty"),
        FieldProblem::TooShort { min } => {
            Problem::new(status, code, "invalid-too-short").arg("min", *min)
        }
        FieldProblem::TooLong { max } => {
            Problem::new(status, code, "invalid-too-long").arg("max", *max)
        }
        FieldProblem::Characters => Problem::new(status, code, "invalid-characters"),
        FieldProblem::Choice { allowed } => {
            Problem::new(status, code, "invalid-choice").arg("allowed", allowed.join(", "))
        }
        FieldProblem::Range { min, max } => Problem::new(status, code, "invalid-range")
            .arg("min", *min)
            .arg("max", *max),
        FieldProblem::Taken => Problem::new(status, code, "invalid-taken"),
        FieldProblem::Format if invalid.field == "time_zone" => {
            Problem::new(status, code, "invalid-time-zone")
        }
        FieldProblem::Format => Problem::new(status, code, "invalid-format"),
    };
    problem.field = Some(invalid.field);
    problem
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let problem = self.problem();
        if self.is_unavailable() {
            // An outage: the background jobs' warnings show it already, and a line per
            // request would bury the rest of the log.
            tracing::debug!(error = %self, "database unavailable");
        } else if problem.status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        // English until the layer around the routes renders it in the caller's language.
        problem.json_response(Tr::new(Language::En))
    }
}

/// The body of every error answer, for the OpenAPI document.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable snake_case code for programs.
    pub code: String,
    /// The same in words, in the caller's language.
    pub message: String,
    /// The request field at fault, for validation errors.
    pub field: Option<String>,
    /// Every field at fault, when the request had invalid fields: each with its own code
    /// and message (the first is the one `code` names).
    pub fields: Option<Vec<FieldDetail>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldDetail {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fields::Handle;

    #[test]
    fn every_error_message_is_translated() {
        let invalid = Handle::parse("x").err().map(Error::from);
        let errors = [
            Some(Error::Unauthenticated),
            Some(Error::InvalidCredentials),
            Some(Error::RateLimited {
                retry_after_secs: 3,
            }),
            Some(Error::CsrfMismatch),
            Some(Error::bad_request("malformed_json", "x")),
            Some(Error::bad_request("invalid_body", "x")),
            Some(Error::InvalidToken),
            Some(Error::TokenScope {
                needs: "meetings:write",
            }),
            Some(Error::SessionRequired),
            Some(Error::Internal("x".into())),
            invalid,
        ];
        let rules = [
            Rule::Hidden,
            Rule::CoordinatorsOnly,
            Rule::AdminsOnly,
            Rule::RegistrationClosed,
            Rule::LastCoordinator,
            Rule::AffiliationCycle,
            Rule::AlreadyAffiliated,
            Rule::AlreadyMember,
            Rule::HandleTaken,
            Rule::DisplayNameTaken,
            Rule::InviteExpired,
            Rule::InviteUsedUp,
            Rule::NotACouncil,
            Rule::WrongInviteKind,
            Rule::MotionClosed,
            Rule::AlreadyVoted,
            Rule::DelegatesOnly,
            Rule::WeightedNeedsCouncil,
            Rule::NotAffiliated,
            Rule::NotADelegate,
            Rule::CandidateNotMember,
            Rule::DemandAlreadyAdopted,
            Rule::DemandNotAdopted,
            Rule::ActionClosed,
            Rule::PledgesFinal,
            Rule::NotInScope,
            Rule::NotAWorkplace,
            Rule::IncidentClosed,
            Rule::OwnReport,
            Rule::ReporterOrCoordinator,
            Rule::NoCouncilAbove,
            Rule::TooManyContactLines,
            Rule::CallerOrCoordinator,
            Rule::MeetingCancelled,
            Rule::MeetingOver,
            Rule::TooManyTokens,
        ];
        let problems = errors
            .into_iter()
            .flatten()
            .map(|e| e.problem())
            .chain(rules.iter().map(rule_problem))
            .chain(
                [400u16, 404, 405, 408, 413, 415, 422, 500, 503]
                    .map(|s| Problem::from_status(StatusCode::from_u16(s).unwrap_or_default())),
            );
        for problem in problems {
            assert!(problem.status.is_client_error() || problem.status.is_server_error());
            for lang in Language::ALL {
                let tr = Tr::new(*lang);
                assert!(
                    tr.has(problem.key),
                    "{} has no message in {lang}",
                    problem.key
                );
                let message = problem.message(tr);
                assert!(
                    !message.contains('{') && !message.contains("Unknown localization"),
                    "{}: {message}",
                    problem.key
                );
            }
        }
    }

    #[test]
    fn validation_names_the_field_in_the_readers_language() {
        let problem = Error::from(Handle::parse("x").expect_err("too short")).problem();
        assert_eq!(problem.code, "invalid_handle");
        assert_eq!(problem.status, StatusCode::UNPROCESSABLE_ENTITY);
        let es = problem.message(Tr::new(Language::Es));
        assert!(es.contains("usuario"), "{es}");
        assert!(es.contains('3'), "{es}");
    }
}
