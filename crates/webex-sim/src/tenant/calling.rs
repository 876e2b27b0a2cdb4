//! Webex Calling lines (rules C1–C2, C8; webex-api.md §5.5): what a Calling
//! license needs, checked against the number inventory, and what giving or
//! taking a line does to it.
//!
//! A line needs a location enabled for Calling and a number, an extension
//! or both. A number must be E.164, already in the inventory of a location
//! of the org, at a Calling location, and held by nobody. Its location is
//! the number's location; a `locationId` that says otherwise is refused.

use super::inventory::{format_e164, parse_e164, parse_extension, ExtensionEntry, Owner};
use super::{CallingLine, LocationIdx, OrgIdx, PersonIdx, Tenant};

/// The Calling properties of a request, as sent.
#[derive(Debug, Clone, Default)]
pub struct LineRequest {
    pub location: Option<LocationIdx>,
    pub phone_number: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallingError {
    /// No number, and no location to put an extension in.
    LocationMissing,
    NeedNumberOrExtension,
    LocationNotCallingEnabled,
    NumberNotE164(String),
    NumberNotInInventory(String),
    NumberInOtherLocation(String),
    NumberTaken(String),
    ExtensionInvalid(String),
    ExtensionTaken(String),
}

impl CallingError {
    /// The text of the Webex error description.
    pub fn describe(&self) -> String {
        match self {
            CallingError::LocationMissing => "A locationId is required when no phoneNumber is given.".into(),
            CallingError::NeedNumberOrExtension => "A Webex Calling user needs a phoneNumber or an extension.".into(),
            CallingError::LocationNotCallingEnabled => "The location is not enabled for Webex Calling.".into(),
            CallingError::NumberNotE164(n) => format!("Phone number {n} is not in E.164 format."),
            CallingError::NumberNotInInventory(n) => {
                format!("Phone number {n} is not in the organization's Webex Calling number inventory.")
            }
            CallingError::NumberInOtherLocation(n) => format!("Phone number {n} does not belong to the location."),
            CallingError::NumberTaken(n) => format!("Phone number {n} is already assigned to another user or service."),
            CallingError::ExtensionInvalid(x) => format!("Extension {x} is not valid: 2 to 10 digits."),
            CallingError::ExtensionTaken(x) => format!("Extension {x} is already in use at the location."),
        }
    }
}

/// A checked line, ready to apply.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedLine {
    pub location: LocationIdx,
    pub number: Option<u64>,
    pub extension: Option<u64>,
}

impl Tenant {
    /// Checks a line for a person of `org` (who may hold `current` already,
    /// whose own number and extension do not count as taken).
    pub fn check_line(
        &self,
        org: OrgIdx,
        request: &LineRequest,
        current: Option<PersonIdx>,
    ) -> Result<ResolvedLine, CallingError> {
        let mine = |owner: Option<Owner>| current.is_some_and(|p| owner == Some(Owner::Person(p)));
        let number = match request.phone_number.as_deref() {
            None => None,
            Some(text) => {
                let number = parse_e164(text).ok_or_else(|| CallingError::NumberNotE164(text.into()))?;
                let location =
                    self.number_location(org, number).ok_or(CallingError::NumberNotInInventory(text.into()))?;
                if request.location.is_some_and(|l| l != location) {
                    return Err(CallingError::NumberInOtherLocation(text.into()));
                }
                let owner = self.location(location).numbers.number(number).and_then(|e| e.owner);
                if owner.is_some() && !mine(owner) {
                    return Err(CallingError::NumberTaken(text.into()));
                }
                Some((number, location))
            }
        };
        let location = number.map(|(_, l)| l).or(request.location).ok_or(CallingError::LocationMissing)?;
        if !self.location(location).calling_enabled {
            return Err(CallingError::LocationNotCallingEnabled);
        }
        let extension = match request.extension.as_deref() {
            None => None,
            Some(text) => {
                let extension = parse_extension(text).ok_or_else(|| CallingError::ExtensionInvalid(text.into()))?;
                let owner = self.location(location).numbers.extension(extension).map(|e| e.owner);
                if owner.is_some() && !mine(owner) {
                    return Err(CallingError::ExtensionTaken(text.into()));
                }
                Some(extension)
            }
        };
        if number.is_none() && extension.is_none() {
            return Err(CallingError::NeedNumberOrExtension);
        }
        Ok(ResolvedLine { location, number: number.map(|(n, _)| n), extension })
    }

    /// The location of the org whose inventory has `number`.
    pub fn number_location(&self, org: OrgIdx, number: u64) -> Option<LocationIdx> {
        self.org(org).locations.iter().copied().find(|&l| self.location(l).numbers.number(number).is_some())
    }

    /// Gives the person a line (replacing one they had), taking the number
    /// and extension in the inventory; the number becomes their work number.
    pub fn provision_line(&mut self, person: PersonIdx, line: ResolvedLine) {
        self.release_line(person);
        let inventory = &mut self.locations[line.location.get()].numbers;
        if let Some(number) = line.number {
            inventory.set_owner(number, Some(Owner::Person(person)));
        }
        if let Some(extension) = line.extension {
            inventory.add_extension(extension, ExtensionEntry { owner: Owner::Person(person), number: line.number });
        }
        let holder = &mut self.people[person.get()];
        holder.location = line.location;
        holder.calling = Some(CallingLine { extension: line.extension, number: line.number });
        if let Some(number) = line.number {
            holder.work_number = Some(format_e164(number).into());
        }
    }

    /// Takes the person's line away (rule C8: the number and extension go
    /// back to the inventory). The work number stays in the profile.
    pub fn release_line(&mut self, person: PersonIdx) {
        let holder = &mut self.people[person.get()];
        let (Some(line), location) = (holder.calling.take(), holder.location) else { return };
        let inventory = &mut self.locations[location.get()].numbers;
        if let Some(number) = line.number {
            inventory.set_owner(number, None);
        }
        if let Some(extension) = line.extension {
            inventory.remove_extension(extension);
        }
    }
}
