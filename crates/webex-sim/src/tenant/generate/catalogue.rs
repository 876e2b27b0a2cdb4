//! The fixed material the seed draws from: cities with their numbering
//! plans, the partner, and the customer orgs (cycled when more are asked for).

use super::super::location::City;
use super::super::names::Language;

pub static COPENHAGEN: City = city(
    ("København", "Europe/Copenhagen", "da_dk"),
    ("45", "33", 8, ""),
    ("DK", "Hovedstaden", "1620", "Vesterbrogade"),
);
pub static AARHUS: City =
    city(("Aarhus", "Europe/Copenhagen", "da_dk"), ("45", "86", 8, ""), ("DK", "Midtjylland", "8000", "Søndergade"));
pub static ODENSE: City =
    city(("Odense", "Europe/Copenhagen", "da_dk"), ("45", "66", 8, ""), ("DK", "Syddanmark", "5000", "Vestergade"));
pub static PARIS: City = city(
    ("Paris", "Europe/Paris", "fr_fr"),
    ("33", "14", 9, "0"),
    ("FR", "Île-de-France", "75008", "Rue du Faubourg Saint-Honoré"),
);
pub static LYON: City = city(
    ("Lyon", "Europe/Paris", "fr_fr"),
    ("33", "47", 9, "0"),
    ("FR", "Auvergne-Rhône-Alpes", "69002", "Rue de la République"),
);
pub static BORDEAUX: City = city(
    ("Bordeaux", "Europe/Paris", "fr_fr"),
    ("33", "56", 9, "0"),
    ("FR", "Nouvelle-Aquitaine", "33000", "Cours de l'Intendance"),
);
pub static STOCKHOLM: City = city(
    ("Stockholm", "Europe/Stockholm", "sv_se"),
    ("46", "8", 9, "0"),
    ("SE", "Stockholms län", "111 57", "Drottninggatan"),
);
pub static GOTHENBURG: City = city(
    ("Göteborg", "Europe/Stockholm", "sv_se"),
    ("46", "31", 9, "0"),
    ("SE", "Västra Götalands län", "411 05", "Kungsgatan"),
);
pub static MALMO: City =
    city(("Malmö", "Europe/Stockholm", "sv_se"), ("46", "40", 9, "0"), ("SE", "Skåne län", "211 22", "Södergatan"));
pub static LONDON: City =
    city(("London", "Europe/London", "en_us"), ("44", "203", 10, "0"), ("GB", "England", "EC2V 7HH", "Cheapside"));
pub static MANCHESTER: City =
    city(("Manchester", "Europe/London", "en_us"), ("44", "161", 10, "0"), ("GB", "England", "M2 4WU", "Deansgate"));

/// Every city of the catalogue (a saved tenant names its locations' cities).
pub static ALL_CITIES: [&City; 11] =
    [&COPENHAGEN, &AARHUS, &ODENSE, &PARIS, &LYON, &BORDEAUX, &STOCKHOLM, &GOTHENBURG, &MALMO, &LONDON, &MANCHESTER];

/// `(name, timezone, language)`, `(country code, area, national length,
/// trunk prefix)`, `(country, region, postal code, street)`.
const fn city(
    (name, timezone, language): (&'static str, &'static str, &'static str),
    (country_code, area, national_len, trunk_prefix): (&'static str, &'static str, usize, &'static str),
    (country, region, postal_code, street): (&'static str, &'static str, &'static str, &'static str),
) -> City {
    City {
        name,
        timezone,
        country_code,
        area,
        national_len,
        trunk_prefix,
        country,
        region,
        postal_code,
        street,
        language,
    }
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
