//! Small scenario builders shared by the test files.
#![allow(dead_code)]

use outage_impact::input::scenario::*;

pub const MON_FRI: [&str; 5] = ["mon", "tue", "wed", "thu", "fri"];
pub const ALL_DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
pub const EVERY_DAY: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub fn calendar(days: &[&str], start: &str, end: &str, zone: &str) -> Calendar {
    Calendar {
        days: days.iter().map(|d| d.to_string()).collect(),
        start: start.into(),
        end: end.into(),
        time_zone: zone.into(),
    }
}

pub fn component(id: &str, deps: &[&str]) -> Component {
    Component {
        id: id.into(),
        name: String::new(),
        provider: None,
        depends_on: deps.iter().map(|d| d.to_string()).collect(),
        incidents_per_year: None,
        duration_hours_p90: None,
        incident_severity: None,
        sla: None,
    }
}

pub fn team(id: &str, headcount: f64, hourly_cost: f64, calendar: Calendar) -> Team {
    Team { id: id.into(), name: String::new(), headcount, hourly_cost, calendar }
}

pub fn workflow(id: &str, team: &str, share: f64, needs: &[&str], reliance: f64) -> Workflow {
    Workflow {
        id: id.into(),
        name: String::new(),
        team: team.into(),
        share,
        needs: needs.iter().map(|d| d.to_string()).collect(),
        reliance,
        fallbacks: Vec::new(),
        recovery_overhead: 0.0,
    }
}

pub fn fallback(coverage: f64, delay_minutes: f64, needs: &[&str], cost: f64) -> Fallback {
    Fallback {
        name: String::new(),
        coverage,
        activation_delay_minutes: delay_minutes,
        needs: needs.iter().map(|d| d.to_string()).collect(),
        running_cost_per_hour: cost,
        yearly_cost: 0.0,
    }
}

pub fn incident(component: &str, start_minutes: f64, end_minutes: f64, severity: f64) -> Incident {
    Incident { component: component.into(), start_minutes, end_minutes, severity }
}

/// The seeds' organisation: 25 engineers at £90/hour, office hours in UTC,
/// one workflow taking all their time on the AI assistant, reliance 1.
/// The outage starts Monday 2 March 2026, 10:00 UTC.
pub fn seed_org() -> Scenario {
    Scenario {
        version: 1,
        name: "seed".into(),
        currency: "GBP".into(),
        target: 0.6,
        components: vec![component("ai", &[])],
        teams: vec![team("eng", 25.0, 90.0, calendar(&MON_FRI, "09:00", "17:00", "UTC"))],
        workflows: vec![workflow("coding", "eng", 1.0, &["ai"], 1.0)],
        outage: Outage {
            start: "2026-03-02T10:00:00Z".into(),
            time_zone: None,
            incidents: vec![incident("ai", 0.0, 240.0, 1.0)],
        },
        annual: Default::default(),
        variants: Vec::new(),
        incident_history: Default::default(),
    }
}

/// Whether a team is at work at instant `t`: an independent statement of
/// the calendar rule over chrono-tz's zones. A shift belongs to the local day
/// it starts; its start and end in a daylight-saving gap are when the gap
/// ends, in an overlap the first occurrence.
pub fn at_work(calendar: &outage_impact::time::calendar::WorkCalendar, t: i64) -> bool {
    use chrono::{Datelike, Duration, LocalResult, NaiveDateTime, TimeZone};
    let tz: chrono_tz::Tz = calendar.zone.name().parse().unwrap();
    let instant = |local: NaiveDateTime| -> i64 {
        let mut local = local;
        loop {
            match tz.from_local_datetime(&local) {
                LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => return x.timestamp(),
                LocalResult::None => local += Duration::minutes(1),
            }
        }
    };
    let today = tz.timestamp_opt(t, 0).unwrap().date_naive();
    [today - Duration::days(1), today].into_iter().any(|day| {
        if !calendar.days[day.weekday().num_days_from_monday() as usize] {
            return false;
        }
        let at = |minutes: u32, day: chrono::NaiveDate| {
            instant(day.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(minutes as i64))
        };
        let end_day = if calendar.end_minute > calendar.start_minute { day } else { day + Duration::days(1) };
        at(calendar.start_minute, day) <= t && t < at(calendar.end_minute, end_day)
    })
}
