//! The frame of the OpenAPI document; the paths and schemas come from the handlers'
//! annotations as the router is built, so the document cannot drift from the code.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::server::Server;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Outnumber",
        description = "The JSON API of Outnumber: committees, councils, democracy, mass action \
                       and defense for rank-and-file workers. Every error answers \
                       `{\"error\": {\"code\", \"message\"}}`; what the caller may not see \
                       answers 404.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later")
    ),
    components(schemas(crate::web::error::ErrorBody)),
    security(("bearer" = []))
)]
struct Base;

pub fn base() -> utoipa::openapi::OpenApi {
    let mut doc = Base::openapi();
    doc.servers = Some(vec![Server::new("/api/v1")]);
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A session's token from `POST /sessions`, or an API token for an \
                         integration (`onb_…`, made with `POST /me/tokens`). An API token acts \
                         for its member within its scopes: `read` allows every read (GET) the \
                         member may make; `PART:read` the reads of one part of the API (the \
                         operation's tag) and `PART:write` its reads and changes. Each \
                         operation names the scope it needs in `x-token-scope` (`any`: every \
                         token); a token outside its scopes gets `403 token_scope`, whose \
                         message names the scope needed, and nothing changes. Operations marked \
                         `x-session-only` (tokens themselves, the password, deleting or \
                         exporting the account, logging out, administration) refuse every API \
                         token with `403 session_required`. Tokens end when revoked, at their \
                         expiry (a year at most), and with a new password or a log-out \
                         everywhere; they never sign in a page.",
                    ))
                    .build(),
            ),
        );
    }
    doc
}

/// How long a request field may be, as the services check it.
#[derive(Debug, Clone, Copy)]
pub enum Limit {
    /// A text: `maxLength`, in characters.
    Chars(usize),
    /// A list: `maxItems`.
    Items(usize),
    /// A list of texts: `maxItems` and each item's `maxLength`.
    ItemsOfChars(usize, usize),
}

/// The limits of the request bodies' fields, from the very constants the services and the
/// core check them with, so that clients and the API fuzzing see them and no number is
/// written twice. (They are added here because utoipa's `#[schema(max_length = ..)]` takes
/// only a literal number.) Fields without a limit of their own (ids, choices, codes, times)
/// are not listed; the body limit (`web::BODY_LIMIT`) bounds them.
pub const LIMITS: &[(&str, &str, Limit)] = {
    use crate::core::fields::{CommitteeName, DisplayName, Handle, Label, Password};
    use crate::core::{incidents, meetings};
    use Limit::{Chars, Items, ItemsOfChars};
    &[
        ("RegisterRequest", "handle", Chars(Handle::MAX)),
        ("RegisterRequest", "password", Chars(Password::MAX)),
        ("RegisterRequest", "display_name", Chars(DisplayName::MAX)),
        ("LogInRequest", "handle", Chars(Handle::MAX)),
        ("LogInRequest", "password", Chars(Password::MAX)),
        ("ProfileRequest", "display_name", Chars(DisplayName::MAX)),
        ("ProfileRequest", "current_password", Chars(Password::MAX)),
        ("ProfileRequest", "new_password", Chars(Password::MAX)),
        ("DeleteAccountRequest", "password", Chars(Password::MAX)),
        (
            "TokenRequest",
            "name",
            Chars(crate::core::tokens::TokenName::MAX),
        ),
        ("TokenRequest", "password", Chars(Password::MAX)),
        ("FoundRequest", "name", Chars(CommitteeName::MAX)),
        ("FoundRequest", "industry", Chars(Label::MAX)),
        ("FoundRequest", "region", Chars(Label::MAX)),
        (
            "DraftRequest",
            "title",
            Chars(crate::demands::service::TITLE_MAX),
        ),
        (
            "DraftRequest",
            "body",
            Chars(crate::demands::service::BODY_MAX),
        ),
        (
            "MotionRequest",
            "title",
            Chars(crate::motions::service::TITLE_MAX),
        ),
        (
            "MotionRequest",
            "body",
            Chars(crate::motions::service::BODY_MAX),
        ),
        (
            "MotionRequest",
            "text",
            Chars(crate::demands::service::BODY_MAX),
        ),
        (
            "MotionRequest",
            "candidates",
            Items(crate::motions::service::MAX_CANDIDATES),
        ),
        (
            "CallRequest",
            "title",
            Chars(crate::actions::service::TITLE_MAX),
        ),
        (
            "CallRequest",
            "description",
            Chars(crate::actions::service::DESCRIPTION_MAX),
        ),
        ("ReportRequest", "summary", Chars(incidents::SUMMARY_MAX)),
        ("ReportRequest", "location", Chars(incidents::LOCATION_MAX)),
        ("ResolveRequest", "note", Chars(incidents::NOTE_MAX)),
        ("ScheduleRequest", "title", Chars(meetings::TITLE_MAX)),
        ("ScheduleRequest", "location", Chars(meetings::LOCATION_MAX)),
        (
            "ScheduleRequest",
            "agenda",
            ItemsOfChars(meetings::AGENDA_ITEMS_MAX, meetings::AGENDA_ITEM_MAX),
        ),
        ("ChangeRequest", "title", Chars(meetings::TITLE_MAX)),
        ("ChangeRequest", "location", Chars(meetings::LOCATION_MAX)),
        (
            "ChangeRequest",
            "agenda",
            ItemsOfChars(meetings::AGENDA_ITEMS_MAX, meetings::AGENDA_ITEM_MAX),
        ),
        ("MinutesRequest", "text", Chars(meetings::MINUTES_MAX)),
        (
            "PublishRequest",
            "title",
            Chars(crate::bulletins::service::TITLE_MAX),
        ),
        (
            "PublishRequest",
            "body",
            Chars(crate::bulletins::service::BODY_MAX),
        ),
        (
            "TranslationRequest",
            "title",
            Chars(crate::bulletins::service::TITLE_MAX),
        ),
        (
            "TranslationRequest",
            "body",
            Chars(crate::bulletins::service::BODY_MAX),
        ),
    ]
};

/// Makes the document one that client generators take: every operation's id is its tag and
/// its handler's name (`actions_show`, `meetings_show`: handlers of different parts share
/// names), and every response has a description (the annotations give one only where it
/// says more than the status).
pub fn complete_operations(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;

    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            let tag = operation
                .tags
                .as_ref()
                .and_then(|tags| tags.first())
                .cloned();
            if let (Some(tag), Some(id)) = (tag, operation.operation_id.as_mut())
                && !id.starts_with(&format!("{tag}_"))
            {
                *id = format!("{tag}_{id}");
            }
            for (status, response) in operation.responses.responses.iter_mut() {
                if let RefOr::T(response) = response
                    && response.description.is_empty()
                {
                    response.description = described(status);
                }
            }
        }
    }
}

/// What a status says, for a response whose annotation says nothing more.
fn described(status: &str) -> String {
    match status {
        "4XX" => {
            "Refused: the error's `code` says why (404 for what the caller may not see).".to_owned()
        }
        "5XX" => "The server could not answer now; try again later.".to_owned(),
        "default" => "Any other answer.".to_owned(),
        code => code
            .parse::<u16>()
            .ok()
            .and_then(|code| axum::http::StatusCode::from_u16(code).ok())
            .and_then(|code| code.canonical_reason())
            .unwrap_or("An answer")
            .to_owned(),
    }
}

/// The closed sets of the schemas' fields, each a named schema of the document, from the
/// very lists the core parses them with: a client generator makes one enum of each, and no
/// value is written twice.
pub const SETS: &[(&str, &[&str])] = {
    use crate::core::actions::{ActionKind, ActionStatus};
    use crate::core::bulletins::Audience;
    use crate::core::fields::{CommitteeKind, InviteKind, Language, Role, WorkplaceType};
    use crate::core::incidents::{IncidentKind, IncidentStatus, ResponderRole, Urgency};
    use crate::core::meetings::Rsvp;
    use crate::core::motions::{BallotKind, DemandStatus, MotionKind};
    use crate::core::voting::{Choice, Majority, Outcome};
    use crate::notifications::NotificationKind;
    // An invite shown may also be an administrator's invite to register.
    const INVITE_KINDS: &[&str] = &["member", "affiliation", "registration"];
    &[
        ("Language", Language::NAMES),
        ("Choice", Choice::NAMES),
        ("CommitteeKind", CommitteeKind::NAMES),
        ("WorkplaceType", WorkplaceType::NAMES),
        ("Role", Role::NAMES),
        ("InviteKind", InviteKind::NAMES),
        ("AnyInviteKind", INVITE_KINDS),
        ("InviteProblem", &["invite_expired", "invite_used_up"]),
        ("AffiliationStatus", &["active"]),
        ("NotificationKind", NotificationKind::NAMES),
        ("IncidentKind", IncidentKind::NAMES),
        ("Urgency", Urgency::NAMES),
        ("IncidentStatus", IncidentStatus::NAMES),
        ("ActionStatus", ActionStatus::NAMES),
        ("Rsvp", Rsvp::NAMES),
        (
            "WritingKind",
            &["motion", "demand", "bulletin", "meeting", "action"],
        ),
        (
            "DemandEvent",
            &[
                "drafted",
                "motion_moved",
                "adopted",
                "amended",
                "endorsed",
                "motion_failed",
                "motion_no_quorum",
            ],
        ),
        ("MotionStatus", &["open", "closed"]),
        ("ActionKind", ActionKind::NAMES),
        ("ProgressPart", &["pledges", "share", "committees"]),
        ("MotionKind", MotionKind::NAMES),
        ("BallotKind", BallotKind::NAMES),
        ("Majority", Majority::NAMES),
        ("Outcome", Outcome::NAMES),
        ("DemandStatus", DemandStatus::NAMES),
        ("ResponderRole", ResponderRole::NAMES),
        ("Audience", Audience::NAMES),
    ]
};

/// Which fields hold a value of which of the [`SETS`].
pub const ENUMS: &[(&str, &str, &str)] = &[
    ("RegisterRequest", "language", "Language"),
    ("ProfileRequest", "language", "Language"),
    ("Me", "language", "Language"),
    ("FoundRequest", "kind", "CommitteeKind"),
    ("FoundRequest", "workplace_type", "WorkplaceType"),
    ("CommitteeView", "kind", "CommitteeKind"),
    ("CommitteeView", "workplace_type", "WorkplaceType"),
    ("MembershipView", "kind", "CommitteeKind"),
    ("MembershipView", "role", "Role"),
    ("MemberView", "role", "Role"),
    ("RoleRequest", "role", "Role"),
    ("InviteRequest", "kind", "InviteKind"),
    ("InviteView", "kind", "AnyInviteKind"),
    ("InviteCreated", "kind", "AnyInviteKind"),
    ("InvitePreviewView", "kind", "AnyInviteKind"),
    ("InvitePreviewView", "unusable", "InviteProblem"),
    ("AccountSummary", "language", "Language"),
    ("ExportedAccount", "language", "Language"),
    ("AffiliateView", "kind", "CommitteeKind"),
    ("AffiliateView", "workplace_type", "WorkplaceType"),
    ("AffiliationView", "status", "AffiliationStatus"),
    ("NotificationView", "kind", "NotificationKind"),
    ("ExportedNotification", "kind", "NotificationKind"),
    ("ExportedIncident", "kind", "IncidentKind"),
    ("ExportedIncident", "urgency", "Urgency"),
    ("ExportedIncident", "status", "IncidentStatus"),
    ("ExportedPledge", "status", "ActionStatus"),
    ("ExportedRsvp", "status", "Rsvp"),
    ("ExportedWriting", "kind", "WritingKind"),
    ("HistoryView", "event", "DemandEvent"),
    ("MotionView", "status", "MotionStatus"),
    ("ActionFacts", "kind", "ActionKind"),
    ("ActionFacts", "status", "ActionStatus"),
    ("Summary", "status", "ActionStatus"),
    ("PublicCounts", "status", "ActionStatus"),
    ("ProgressView", "part", "ProgressPart"),
    ("BulletinView", "original_language", "Language"),
    ("VersionView", "language", "Language"),
    ("MotionRequest", "kind", "MotionKind"),
    ("MotionRequest", "ballot", "BallotKind"),
    ("MotionRequest", "majority", "Majority"),
    ("MotionView", "kind", "MotionKind"),
    ("MotionView", "ballot", "BallotKind"),
    ("MotionView", "majority", "Majority"),
    ("MotionView", "outcome", "Outcome"),
    ("DemandView", "status", "DemandStatus"),
    ("CallRequest", "kind", "ActionKind"),
    ("ActionItem", "kind", "ActionKind"),
    ("ActionItem", "status", "ActionStatus"),
    ("PublicAction", "kind", "ActionKind"),
    ("PublicAction", "status", "ActionStatus"),
    ("ReportRequest", "kind", "IncidentKind"),
    ("ReportRequest", "urgency", "Urgency"),
    ("RespondRequest", "role", "ResponderRole"),
    ("IncidentView", "kind", "IncidentKind"),
    ("IncidentView", "urgency", "Urgency"),
    ("IncidentView", "status", "IncidentStatus"),
    ("IncidentView", "my_role", "ResponderRole"),
    ("RsvpRequest", "status", "Rsvp"),
    ("PublishRequest", "audience", "Audience"),
    ("PublishRequest", "language", "Language"),
    ("TranslationRequest", "language", "Language"),
    ("BulletinView", "audience", "Audience"),
    ("BulletinView", "language", "Language"),
];

/// The document as served: [`ENUMS`] written into its schemas (a field that may be null
/// keeps null among its values), and the ballot's `choice` as what the server accepts.
/// Returns it with the entries it found no field for, which the tests refuse.
pub fn finished(
    doc: &utoipa::openapi::OpenApi,
) -> (serde_json::Value, Vec<(&'static str, &'static str)>) {
    use serde_json::{Value, json};

    let mut json = serde_json::to_value(doc).unwrap_or(Value::Null);
    let mut missing = Vec::new();
    for &(schema, field, set) in ENUMS {
        if !SETS.iter().any(|&(name, _)| name == set) {
            missing.push((schema, field));
            continue;
        }
        match field_mut(&mut json, schema, field) {
            Some(property) => {
                let nullable = property
                    .get("type")
                    .and_then(Value::as_array)
                    .is_some_and(|types| types.iter().any(|t| t == "null"))
                    || property
                        .get("oneOf")
                        .and_then(Value::as_array)
                        .is_some_and(|choices| choices.iter().any(|c| c["type"] == "null"));
                let named = json!({ "$ref": format!("#/components/schemas/{set}") });
                let mut typed = if nullable {
                    json!({ "oneOf": [named, { "type": "null" }] })
                } else {
                    named
                };
                if let Some(description) = property.get("description") {
                    typed["description"] = description.clone();
                }
                *property = typed.as_object().cloned().unwrap_or_default();
            }
            None => missing.push((schema, field)),
        }
    }
    if let Some(schemas) = json
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for &(set, names) in SETS {
            schemas.insert(set.into(), json!({ "type": "string", "enum": names }));
        }
    }
    let choices = [
        (
            "BallotRequest",
            "`yes`, `no` or `abstain`; for elections, the candidates' account ids (up to the number of seats; none is a blank ballot).",
            false,
        ),
        (
            "OpenBallot",
            "`yes`, `no` or `abstain`; for elections, the candidates chosen.",
            false,
        ),
        (
            "ExportedBallot",
            "`yes`, `no` or `abstain`; for elections, the candidates chosen.",
            false,
        ),
        (
            "MyBallot",
            "Open ballots only: what you chose (a secret ballot is not shown even to its voter).",
            true,
        ),
    ];
    for (schema, description, nullable) in choices {
        let choice = json.pointer_mut(&format!("/components/schemas/{schema}/properties/choice"));
        match choice {
            Some(choice) => {
                let mut one_of = vec![
                    json!({ "$ref": "#/components/schemas/Choice" }),
                    json!({ "type": "array", "items": { "type": "string", "pattern": "^[0-9a-f]{16}$" } }),
                ];
                if nullable {
                    one_of.push(json!({ "type": "null" }));
                }
                *choice = json!({ "description": description, "oneOf": one_of });
            }
            None => missing.push((schema, "choice")),
        }
    }
    for (schema, field) in REQUEST_TIMES {
        match json
            .pointer_mut(&format!("/components/schemas/{schema}/properties/{field}"))
            .and_then(Value::as_object_mut)
        {
            Some(property) => {
                property.insert("format".into(), json!("date-time"));
            }
            None => missing.push((schema, field)),
        }
    }
    // A workplace names its type, industry and region; a council may leave them out.
    match json
        .pointer_mut("/components/schemas/FoundRequest")
        .and_then(Value::as_object_mut)
    {
        Some(found) => {
            let given = json!({ "type": "string", "minLength": 1 });
            found.insert(
                "if".into(),
                json!({
                    "properties": { "kind": { "const": "workplace" } },
                    "required": ["kind"]
                }),
            );
            found.insert(
                "then".into(),
                json!({
                    "required": ["workplace_type", "industry", "region"],
                    "properties": { "workplace_type": given, "industry": given, "region": given }
                }),
            );
        }
        None => missing.push(("FoundRequest", "kind")),
    }
    declare_common_answers(&mut json);
    collapse_single_choices(&mut json);
    (json, missing)
}

/// A field of a schema, also where the schema is composed (`allOf`: a flattened struct).
fn field_mut<'a>(
    json: &'a mut serde_json::Value,
    schema: &str,
    field: &str,
) -> Option<&'a mut serde_json::Map<String, serde_json::Value>> {
    use serde_json::Value;

    let schema = json.pointer_mut(&format!("/components/schemas/{schema}"))?;
    if schema.pointer(&format!("/properties/{field}")).is_some() {
        return schema
            .pointer_mut(&format!("/properties/{field}"))
            .and_then(Value::as_object_mut);
    }
    schema
        .get_mut("allOf")?
        .as_array_mut()?
        .iter_mut()
        .find_map(|part| part.pointer_mut(&format!("/properties/{field}")))
        .and_then(Value::as_object_mut)
}

/// A `oneOf` of one schema is that schema (a stream with one kind of event): said directly,
/// as linters ask.
fn collapse_single_choices(value: &mut serde_json::Value) {
    use serde_json::Value;

    match value {
        Value::Object(object) => {
            let single = object
                .get("oneOf")
                .and_then(Value::as_array)
                .filter(|choices| choices.len() == 1)
                .and_then(|choices| choices[0].as_object())
                .cloned();
            if let Some(only) = single {
                object.remove("oneOf");
                for (key, field) in only {
                    // The outer description is the one written for the whole.
                    object.entry(key).or_insert(field);
                }
            }
            object.values_mut().for_each(collapse_single_choices);
        }
        Value::Array(items) => items.iter_mut().for_each(collapse_single_choices),
        _ => {}
    }
}

/// The request fields that carry a time (RFC 3339); the answers' times are `Timestamp`s,
/// whose schema says so already.
const REQUEST_TIMES: &[(&str, &str)] = &[
    ("CallRequest", "starts_at"),
    ("ChangeRequest", "starts_at"),
    ("MotionRequest", "closes_at"),
    ("ScheduleRequest", "starts_at"),
];

/// The operations that answer 429 when their limit is reached (`limits.rs`), with the
/// `Retry-After` that says when to try again.
const RATE_LIMITED: &[(&str, &str)] = &[
    ("post", "/sessions"),
    ("post", "/me/tokens"),
    ("post", "/accounts"),
    ("patch", "/me"),
    ("delete", "/me"),
    ("get", "/invites/{code}"),
    ("post", "/invites/{code}/accept"),
    ("post", "/committees/{id}/invites"),
    ("post", "/committees/{id}/incidents"),
    ("post", "/motions/{id}/ballots"),
    ("post", "/committees/{id}/bulletins"),
    ("patch", "/meetings/{id}"),
    ("post", "/meetings/{id}/cancel"),
];

/// The operations whose 201 names what they made in `Location` (`web::extract::created`).
const CREATES: &[(&str, &str)] = &[
    ("post", "/committees"),
    ("post", "/me/tokens"),
    ("post", "/committees/{id}/demands"),
    ("post", "/committees/{id}/meetings"),
    ("post", "/committees/{id}/motions"),
    ("post", "/committees/{id}/bulletins"),
    ("post", "/committees/{id}/incidents"),
];

/// What any operation may answer besides its own: 503 while the database is out of reach,
/// 413 for a body over the limit, 429 where a limit applies; and the ids in paths as the
/// server makes them.
fn declare_common_answers(json: &mut serde_json::Value) {
    use serde_json::{Value, json};

    let error =
        json!({ "application/json": { "schema": { "$ref": "#/components/schemas/ErrorBody" } } });
    let Some(paths) = json.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            // `[{}]` (anyone may call) reads to client generators as "needs a token"; an
            // operation that needs none says so with no requirement at all.
            if operation.get("security") == Some(&json!([{}])) {
                operation["security"] = json!([]);
            }
            let has_body = operation.get("requestBody").is_some();
            if let Some(parameters) = operation
                .get_mut("parameters")
                .and_then(Value::as_array_mut)
            {
                for parameter in parameters {
                    let name = parameter["name"].as_str().unwrap_or_default();
                    if parameter["in"] == "path" && (name == "id" || name.ends_with("_id")) {
                        parameter["schema"] =
                            json!({ "type": "string", "pattern": "^[0-9a-f]{16}$" });
                    }
                }
            }
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            responses.entry("503").or_insert_with(|| json!({
                "description": "The database is out of reach for now (`database_unavailable`); try again.",
                "content": error.clone()
            }));
            if has_body {
                responses.entry("413").or_insert_with(|| json!({
                    "description": format!("The body is over {} KiB (`payload_too_large`).", crate::web::BODY_LIMIT / 1024),
                    "content": error.clone()
                }));
            }
            if CREATES.contains(&(method.as_str(), path.as_str()))
                && let Some(made) = responses.get_mut("201").and_then(Value::as_object_mut)
            {
                made.insert(
                    "headers".into(),
                    json!({ "Location": {
                        "description": "Where the API answers with what was made.",
                        "schema": { "type": "string" }
                    } }),
                );
            }
            if RATE_LIMITED.contains(&(method.as_str(), path.as_str())) {
                responses.entry("429").or_insert_with(|| json!({
                    "description": "Too many tries (`rate_limited`): try again after `Retry-After` seconds.",
                    "headers": { "Retry-After": { "description": "Seconds to wait.", "schema": { "type": "integer", "minimum": 1 } } },
                    "content": error.clone()
                }));
            }
        }
    }
}

/// Writes [`LIMITS`] into the document's schemas; returns the entries it found no field for
/// (a renamed field or schema), which the tests refuse.
pub fn add_limits(doc: &mut utoipa::openapi::OpenApi) -> Vec<(&'static str, &'static str)> {
    use utoipa::openapi::schema::ArrayItems;
    use utoipa::openapi::{RefOr, Schema};

    let mut missing = Vec::new();
    for &(schema, field, limit) in LIMITS {
        let property = doc
            .components
            .as_mut()
            .and_then(|c| c.schemas.get_mut(schema))
            .and_then(|s| match s {
                RefOr::T(Schema::Object(object)) => object.properties.get_mut(field),
                _ => None,
            });
        let applied = match (property, limit) {
            (Some(RefOr::T(Schema::Object(text))), Limit::Chars(max)) => {
                text.max_length = Some(max);
                true
            }
            (Some(RefOr::T(Schema::Array(list))), Limit::Items(max)) => {
                list.max_items = Some(max);
                true
            }
            (Some(RefOr::T(Schema::Array(list))), Limit::ItemsOfChars(max, chars)) => {
                list.max_items = Some(max);
                match &mut list.items {
                    ArrayItems::RefOrSchema(item) => match item.as_mut() {
                        RefOr::T(Schema::Object(text)) => {
                            text.max_length = Some(chars);
                            true
                        }
                        _ => false,
                    },
                    _ => false,
                }
            }
            _ => false,
        };
        if !applied {
            missing.push((schema, field));
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_summed_up_named_once_and_every_response_is_described() {
        let (_, mut doc) = utoipa_axum::router::OpenApiRouter::with_openapi(base())
            .merge(crate::web::api_router())
            .split_for_parts();
        complete_operations(&mut doc);
        let json = serde_json::to_value(&doc).expect("json");
        let mut ids = std::collections::BTreeSet::new();
        for (path, item) in json["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("an item") {
                let id = operation["operationId"].as_str().expect("an operationId");
                assert!(ids.insert(id.to_owned()), "{method} {path}: {id} twice");
                // The handler's doc comment: what a generated client shows for the call.
                let summary = operation["summary"].as_str().unwrap_or_default();
                assert!(!summary.is_empty(), "{method} {path} has no summary");
                for (status, response) in operation["responses"].as_object().expect("responses") {
                    let description = response["description"].as_str().unwrap_or_default();
                    assert!(!description.is_empty(), "{method} {path} {status}");
                }
            }
        }
        assert!(
            ids.contains("actions_show") && ids.contains("meetings_show"),
            "{ids:?}"
        );
    }

    #[test]
    fn every_closed_set_names_a_field_of_the_document() {
        let (_, doc) = utoipa_axum::router::OpenApiRouter::with_openapi(base())
            .merge(crate::web::api_router())
            .split_for_parts();
        let (json, missing) = finished(&doc);
        assert_eq!(missing, Vec::new());
        let schemas = &json["components"]["schemas"];
        let kinds = &schemas["FoundRequest"]["properties"];
        assert_eq!(kinds["kind"]["$ref"], "#/components/schemas/CommitteeKind");
        assert_eq!(
            schemas["CommitteeKind"]["enum"],
            serde_json::json!(["workplace", "council"])
        );
        // Optional for councils: null is one of its choices.
        assert_eq!(
            kinds["workplace_type"]["oneOf"],
            serde_json::json!([{ "$ref": "#/components/schemas/WorkplaceType" }, { "type": "null" }])
        );
        let names: std::collections::BTreeSet<_> = SETS.iter().map(|(name, _)| name).collect();
        assert_eq!(names.len(), SETS.len(), "a set named twice");
        let choice = &json["components"]["schemas"]["BallotRequest"]["properties"]["choice"];
        assert_eq!(choice["oneOf"][0]["$ref"], "#/components/schemas/Choice");
        assert_eq!(
            schemas["Choice"]["enum"],
            serde_json::json!(["yes", "no", "abstain"])
        );
        let found = &json["components"]["schemas"]["FoundRequest"];
        assert_eq!(found["if"]["properties"]["kind"]["const"], "workplace");
        assert_eq!(
            found["then"]["required"],
            serde_json::json!(["workplace_type", "industry", "region"])
        );
        let starts = &json["components"]["schemas"]["ScheduleRequest"]["properties"]["starts_at"];
        assert_eq!(starts["format"], "date-time");
    }

    #[test]
    fn limits_bodies_and_outages_are_declared() {
        let (_, doc) = utoipa_axum::router::OpenApiRouter::with_openapi(base())
            .merge(crate::web::api_router())
            .split_for_parts();
        let (json, _) = finished(&doc);
        for (method, path) in RATE_LIMITED {
            let answer = &json["paths"][path][method]["responses"]["429"];
            assert!(
                answer["headers"]["Retry-After"].is_object(),
                "{method} {path}"
            );
        }
        for (method, path) in CREATES {
            let made = &json["paths"][path][method]["responses"]["201"];
            assert!(made["headers"]["Location"].is_object(), "{method} {path}");
        }
        let register = &json["paths"]["/accounts"]["post"]["responses"];
        assert!(register["413"].is_object() && register["503"].is_object());
        let show = &json["paths"]["/actions/{id}"]["get"];
        assert!(show["responses"]["413"].is_null(), "no body, no 413");
        assert_eq!(show["parameters"][0]["schema"]["pattern"], "^[0-9a-f]{16}$");
    }

    #[test]
    fn every_limit_names_a_field_of_the_document() {
        let (_, mut doc) = utoipa_axum::router::OpenApiRouter::with_openapi(base())
            .merge(crate::web::api_router())
            .split_for_parts();
        assert_eq!(add_limits(&mut doc), Vec::new());
        let json = serde_json::to_value(&doc).expect("json");
        let schemas = &json["components"]["schemas"];
        assert_eq!(
            schemas["PublishRequest"]["properties"]["body"]["maxLength"],
            crate::bulletins::service::BODY_MAX
        );
        assert_eq!(
            schemas["ScheduleRequest"]["properties"]["agenda"]["items"]["maxLength"],
            crate::core::meetings::AGENDA_ITEM_MAX
        );
    }
}
