//! The fixed material the seed draws from: cities with their numbering
//! plans, the partner, and the customer orgs (cycled when more are asked for).

use super::super::location::City;
use super::super::names::Language;

pub static COPENHAGEN: City = city("København", "Europe/Copenhagen", "45", "33", 8, "");
pub static AARHUS: City = city("Aarhus", "Europe/Copenhagen", "45", "86", 8, "");
pub static ODENSE: City = city("Odense", "Europe/Copenhagen", "45", "66", 8, "");
pub static PARIS: City = city("Paris", "Europe/Paris", "33", "14", 9, "0");
pub static LYON: City = city("Lyon", "Europe/Paris", "33", "47", 9, "0");
pub static BORDEAUX: City = city("Bordeaux", "Europe/Paris", "33", "56", 9, "0");
pub static STOCKHOLM: City = city("Stockholm", "Europe/Stockholm", "46", "8", 9, "0");
pub static GOTHENBURG: City = city("Göteborg", "Europe/Stockholm", "46", "31", 9, "0");
pub static MALMO: City = city("Malmö", "Europe/Stockholm", "46", "40", 9, "0");
pub static LONDON: City = city("London", "Europe/London", "44", "203", 10, "0");
pub static MANCHESTER: City = city("Manchester", "Europe/London", "44", "161", 10, "0");

#[cfg(test)]
pub static ALL_CITIES: [&City; 11] =
    [&COPENHAGEN, &AARHUS, &ODENSE, &PARIS, &LYON, &BORDEAUX, &STOCKHOLM, &GOTHENBURG, &MALMO, &LONDON, &MANCHESTER];

const fn city(
    name: &'static str,
    timezone: &'static str,
    country_code: &'static str,
    area: &'static str,
    national_len: usize,
    trunk_prefix: &'static str,
) -> City {
    City { name, timezone, country_code, area, national_len, trunk_prefix }
}

/// An org the generator can create.
pub struct OrgTemplate {
    pub name: &'static str,
    /// Lower-case ASCII; the mail domain is `<slug>.example`, the meeting site `<slug>.webex.com`.
    pub slug: &'static str,
    pub language: Language,
    pub cities: &'static [&'static City],
    /// The full admin seeded in this org (customers), or the partner admin.
    pub admin: (&'static str, &'static str),
}

pub static PARTNER: OrgTemplate = OrgTemplate {
    name: "Nordlys Partners ApS",
    slug: "nordlys-partners",
    language: Language::Danish,
    cities: &[&COPENHAGEN],
    admin: ("Mette", "Kjær"),
};

pub static CUSTOMERS: [OrgTemplate; 10] = [
    customer(
        "Fjordby Logistik A/S",
        "fjordby-logistik",
        Language::Danish,
        &[&COPENHAGEN, &AARHUS],
        ("Søren", "Ødegård"),
    ),
    customer(
        "Boulangeries Lefèvre SAS",
        "boulangeries-lefevre",
        Language::French,
        &[&PARIS, &LYON],
        ("Zoé", "Lefèvre"),
    ),
    customer("Göta Byggnad AB", "gota-byggnad", Language::Swedish, &[&GOTHENBURG, &STOCKHOLM], ("Åsa", "Björk")),
    customer(
        "Harbourside Health Ltd",
        "harbourside-health",
        Language::English,
        &[&LONDON, &MANCHESTER],
        ("Charlotte", "Hughes"),
    ),
    customer("Øresund Energi ApS", "oresund-energi", Language::Danish, &[&COPENHAGEN, &MALMO], ("Bjørn", "Østergaard")),
    customer("Éditions Montclair SA", "editions-montclair", Language::French, &[&PARIS], ("Hélène", "Dupré")),
    customer("Norrsken Media AB", "norrsken-media", Language::Swedish, &[&STOCKHOLM], ("Måns", "Sjöberg")),
    customer(
        "Kingsbridge Consulting LLP",
        "kingsbridge-consulting",
        Language::English,
        &[&LONDON],
        ("Eleanor", "Wright"),
    ),
    customer(
        "Søndergaard Møbler A/S",
        "sondergaard-mobler",
        Language::Danish,
        &[&AARHUS, &ODENSE],
        ("Kirsten", "Mørch"),
    ),
    customer(
        "Château Rivière Vins SARL",
        "chateau-riviere-vins",
        Language::French,
        &[&BORDEAUX, &LYON],
        ("Raphaël", "Rivière"),
    ),
];

const fn customer(
    name: &'static str,
    slug: &'static str,
    language: Language,
    cities: &'static [&'static City],
    admin: (&'static str, &'static str),
) -> OrgTemplate {
    OrgTemplate { name, slug, language, cities, admin }
}
