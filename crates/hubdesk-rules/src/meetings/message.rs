//! The text for the user after a fix (S3: sign out and back in; S4: a test
//! meeting on the site, not cut at 40 minutes), in English, French, Danish
//! and Swedish whatever the window's language: the admin copies the one the
//! user reads.

use super::model::UserMessage;

pub fn user_message(site_url: &str) -> Vec<UserMessage> {
    let texts = [
        (
            "en",
            format!(
                "Your Webex Meetings account has been updated. Please sign out of the Webex app and sign back in, \
                 then schedule a test meeting on {site_url} and check that it is not cut off at 40 minutes."
            ),
        ),
        (
            "fr",
            format!(
                "Votre compte Webex Meetings a été mis à jour. Déconnectez-vous de l'application Webex puis \
                 reconnectez-vous, planifiez ensuite une réunion de test sur {site_url} et vérifiez qu'elle n'est \
                 pas coupée au bout de 40 minutes."
            ),
        ),
        (
            "da",
            format!(
                "Din Webex Meetings-konto er blevet opdateret. Log ud af Webex-appen og log ind igen, planlæg \
                 derefter et testmøde på {site_url} og kontrollér, at det ikke afbrydes efter 40 minutter."
            ),
        ),
        (
            "sv",
            format!(
                "Ditt Webex Meetings-konto har uppdaterats. Logga ut från Webex-appen och logga in igen, boka \
                 sedan ett testmöte på {site_url} och kontrollera att det inte bryts efter 40 minuter."
            ),
        ),
    ];
    texts.into_iter().map(|(language, text)| UserMessage { language: language.to_owned(), text }).collect()
}
