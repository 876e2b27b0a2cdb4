//! Name pools for the demo tenant, in English, French, Danish and Swedish,
//! with their real diacritics, and the ASCII folding that turns them into
//! mail addresses (Søren Ødegård → soren.odegard).

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Language {
    English,
    French,
    Danish,
    Swedish,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::English, Language::French, Language::Danish, Language::Swedish];

    pub fn first_names(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "Oliver",
                "Amelia",
                "Harry",
                "Isla",
                "George",
                "Ava",
                "Jack",
                "Emily",
                "Noah",
                "Sophie",
                "Charlotte",
                "Thomas",
                "Grace",
                "William",
                "Ruby",
                "James",
                "Lucy",
                "Daniel",
                "Hannah",
                "Samuel",
                "Eleanor",
                "Arthur",
                "Freya",
                "Henry",
            ],
            Language::French => &[
                "Zoé",
                "Chloé",
                "Hélène",
                "Léa",
                "Amélie",
                "Jérôme",
                "François",
                "Céline",
                "Benoît",
                "Gaël",
                "Noémie",
                "Anaïs",
                "Joël",
                "Maëlle",
                "Loïc",
                "Élodie",
                "Théo",
                "Inès",
                "Raphaël",
                "Aurélien",
                "Mathilde",
                "Jean-Luc",
                "Cécile",
                "Étienne",
            ],
            Language::Danish => &[
                "Søren", "Mette", "Mads", "Freja", "Anders", "Ida", "Jens", "Kirsten", "Niels", "Camilla", "Rasmus",
                "Louise", "Asger", "Signe", "Bjørn", "Jørgen", "Kasper", "Line", "Maja", "Sørine", "Tove", "Søs",
                "Malthe", "Birthe",
            ],
            Language::Swedish => &[
                "Åsa", "Björn", "Märta", "Göran", "Linnéa", "Jöns", "Ingrid", "Örjan", "Sofia", "Elin", "Oskar",
                "Maja", "Håkan", "Kerstin", "Måns", "Ebba", "Lars", "Saga", "Åke", "Astrid", "Gösta", "Tuva", "Sixten",
                "Ylva",
            ],
        }
    }

    pub fn last_names(self) -> &'static [&'static str] {
        match self {
            Language::English => &[
                "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts", "Walker",
                "Wright", "Robinson", "Thompson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "O'Connor",
                "Clarke", "Patel", "Baker", "Turner",
            ],
            Language::French => &[
                "Lefèvre",
                "Dubois",
                "Bérard",
                "Moreau",
                "Girard",
                "Lemaître",
                "Roussel",
                "Gauthier",
                "Mercier",
                "Fournier",
                "Barthélemy",
                "Rivière",
                "Chevalier",
                "Lécuyer",
                "Brûlé",
                "Dupré",
                "Séguin",
                "Faure",
                "Hébert",
                "Crémieux",
                "Delaunay",
                "Roche-Aubert",
                "Lefèbvre",
                "Ménard",
            ],
            Language::Danish => &[
                "Ødegård",
                "Jørgensen",
                "Sørensen",
                "Nielsen",
                "Hansen",
                "Pedersen",
                "Kjær",
                "Bæk",
                "Møller",
                "Lindgård",
                "Østergaard",
                "Dalsgård",
                "Højgaard",
                "Krogh",
                "Thomsen",
                "Frølund",
                "Skøtt",
                "Bøgh",
                "Lykkegård",
                "Mørch",
                "Vestergaard",
                "Kristensen",
                "Rønne",
                "Brøndum",
            ],
            Language::Swedish => &[
                "Björk",
                "Åkesson",
                "Lindström",
                "Bergqvist",
                "Söderberg",
                "Ångström",
                "Sjöberg",
                "Nordström",
                "Hägglund",
                "Löfgren",
                "Ekström",
                "Holmqvist",
                "Dahlgren",
                "Öberg",
                "Wallén",
                "Sandström",
                "Forsberg",
                "Lundqvist",
                "Engström",
                "Nyström",
                "Gärdebäck",
                "Strömqvist",
                "Ljungberg",
                "Älvsjö",
            ],
        }
    }

    pub fn departments(self) -> &'static [&'static str] {
        match self {
            Language::English => {
                &["Sales", "Finance", "Customer Support", "Engineering", "Human Resources", "Operations"]
            }
            Language::French => {
                &["Ventes", "Comptabilité", "Service client", "Ingénierie", "Ressources humaines", "Logistique"]
            }
            Language::Danish => &["Salg", "Økonomi", "Kundeservice", "Udvikling", "Personaleafdeling", "Lager"],
            Language::Swedish => &["Försäljning", "Ekonomi", "Kundtjänst", "Utveckling", "Personalavdelning", "Lager"],
        }
    }

    pub fn titles(self) -> &'static [&'static str] {
        match self {
            Language::English => {
                &["Account Manager", "Software Engineer", "Team Lead", "Analyst", "Director", "Coordinator"]
            }
            Language::French => {
                &["Chargée de clientèle", "Ingénieur logiciel", "Chef d'équipe", "Analyste", "Directrice", "Comptable"]
            }
            Language::Danish => {
                &["Kundeansvarlig", "Softwareudvikler", "Teamleder", "Analytiker", "Direktør", "Lagermedarbejder"]
            }
            Language::Swedish => {
                &["Säljare", "Systemutvecklare", "Teamledare", "Analytiker", "Försäljningschef", "Ekonomiassistent"]
            }
        }
    }
}

/// Lower-case ASCII for a mail local part: diacritics folded (ø→o, æ→ae,
/// é→e), apostrophes and spaces dropped, hyphens kept.
pub fn fold_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' | '-' => out.push(c),
            'à' | 'á' | 'â' | 'ä' | 'å' | 'ã' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'ø' | 'õ' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_into_mail_local_parts() {
        assert_eq!(fold_ascii("Søren"), "soren");
        assert_eq!(fold_ascii("Ødegård"), "odegard");
        assert_eq!(fold_ascii("Bæk"), "baek");
        assert_eq!(fold_ascii("Zoé"), "zoe");
        assert_eq!(fold_ascii("O'Connor"), "oconnor");
        assert_eq!(fold_ascii("Jean-Luc"), "jean-luc");
        assert_eq!(fold_ascii("Ångström"), "angstrom");
    }

    #[test]
    fn every_pool_folds_to_something_usable() {
        for lang in Language::ALL {
            for name in lang.first_names().iter().chain(lang.last_names()) {
                assert!(fold_ascii(name).len() >= 2, "{name} folds to too little");
            }
        }
    }
}
