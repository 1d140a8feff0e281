//! IBAN checks for the SEPA mandate form (ISO 13616): the country's length and
//! the mod-97 checksum, on what the customer typed (spaces and lower case are
//! fine). Implemented here rather than with a crate: a 90-line table and loop
//! cost less first-load wasm than any IBAN crate, and the messages need to say
//! *which* rule failed, in the customer's language.

/// Why an IBAN is not (yet) acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IbanProblem {
    /// Nothing typed.
    Empty,
    /// A character other than letters, digits and spaces.
    InvalidCharacter(char),
    /// Does not start with a two-letter country code and two check digits.
    NotAnIban,
    /// A country code ISO 13616 does not list.
    UnknownCountry(String),
    /// Still being typed: fewer characters than the country's IBANs have.
    TooShort {
        country: String,
        expected: usize,
        actual: usize,
    },
    /// More characters than the country's IBANs have.
    TooLong {
        country: String,
        expected: usize,
        actual: usize,
    },
    /// The right length, but the check digits do not match (a typo).
    Checksum,
}

/// IBAN lengths per country, from the SWIFT IBAN registry (ISO 13616).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The length of `country`'s IBANs, if ISO 13616 lists it.
pub fn country_length(country: &str) -> Option<usize> {
    LENGTHS
        .iter()
        .find(|(code, _)| *code == country)
        .map(|(_, length)| *length)
}

/// What the customer typed without spaces, in upper case: the form sent to the API.
pub fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Groups of four (`FR76 3000 6000 …`), as printed on a bank statement.
pub fn grouped(input: &str) -> String {
    let compact = compact(input);
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    for (index, c) in compact.chars().enumerate() {
        if index > 0 && index % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The compact IBAN when it is valid, else what is wrong with it first.
pub fn validate(input: &str) -> Result<String, IbanProblem> {
    let iban = compact(input);
    if iban.is_empty() {
        return Err(IbanProblem::Empty);
    }
    if let Some(bad) = iban.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(IbanProblem::InvalidCharacter(bad));
    }
    let bytes = iban.as_bytes();
    let country_ok = bytes.len() >= 2 && bytes[..2].iter().all(u8::is_ascii_alphabetic);
    if !country_ok {
        return Err(IbanProblem::NotAnIban);
    }
    let country = iban[..2].to_owned();
    let expected = country_length(&country).ok_or(IbanProblem::UnknownCountry(country.clone()))?;
    // Check digits come right after the country: letters there mean this is not an IBAN.
    if bytes[2..bytes.len().min(4)]
        .iter()
        .any(|b| !b.is_ascii_digit())
    {
        return Err(IbanProblem::NotAnIban);
    }
    let actual = iban.len();
    if actual < expected {
        return Err(IbanProblem::TooShort {
            country,
            expected,
            actual,
        });
    }
    if actual > expected {
        return Err(IbanProblem::TooLong {
            country,
            expected,
            actual,
        });
    }
    if mod97(&iban) != 1 {
        return Err(IbanProblem::Checksum);
    }
    Ok(iban)
}

/// ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved to
/// the end, letters as 10..35), one digit at a time so nothing overflows.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.chars().chain(head.chars()).fold(0u32, |rest, c| {
        let value = c.to_digit(36).unwrap_or(0);
        if value >= 10 {
            (rest * 100 + value) % 97
        } else {
            (rest * 10 + value) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ibans_of_ten_countries_pass() {
        for iban in [
            "FR14 2004 1010 0505 0001 3M02 606",
            "FR7630006000011234567890189",
            "IT60X0542811101000000123456",
            "DE89 3704 0044 0532 0130 00",
            "ES91 2100 0418 4502 0005 1332",
            "BE68 5390 0754 7034",
            "NL91 ABNA 0417 1643 00",
            "GB29 NWBK 6016 1331 9268 19",
            "CH93 0076 2011 6238 5295 7",
            "MC58 1122 2000 0101 2345 6789 030",
            "LU28 0019 4006 4475 0000",
        ] {
            assert_eq!(validate(iban), Ok(compact(iban)), "{iban}");
        }
    }

    #[test]
    fn spaces_and_lower_case_are_accepted() {
        assert_eq!(
            validate("  fr76 3000 6000 0112 3456 7890 189 "),
            Ok("FR7630006000011234567890189".to_owned())
        );
        assert_eq!(validate("de89370400440532013000").map(|_| ()), Ok(()));
    }

    #[test]
    fn a_typo_fails_the_checksum() {
        assert_eq!(
            validate("FR76 3000 6000 0112 3456 7890 188"),
            Err(IbanProblem::Checksum)
        );
        // Two digits swapped: the classic typo mod-97 catches.
        assert_eq!(
            validate(
                "DE89 3704 0044 0532 0130 00"
                    .replace("0532", "0523")
                    .as_str()
            ),
            Err(IbanProblem::Checksum)
        );
    }

    #[test]
    fn the_length_must_be_the_countrys() {
        assert_eq!(
            validate("FR76 3000 6000 0112 3456 7890 18"),
            Err(IbanProblem::TooShort {
                country: "FR".into(),
                expected: 27,
                actual: 26
            })
        );
        assert_eq!(
            validate("BE68 5390 0754 7034 1"),
            Err(IbanProblem::TooLong {
                country: "BE".into(),
                expected: 16,
                actual: 17
            })
        );
        // A valid German IBAN is not a valid Italian one.
        assert!(matches!(
            validate("IT89370400440532013000"),
            Err(IbanProblem::TooShort { .. })
        ));
    }

    #[test]
    fn an_unknown_country_is_named() {
        assert_eq!(
            validate("ZZ12 3456 7890 1234"),
            Err(IbanProblem::UnknownCountry("ZZ".into()))
        );
        assert_eq!(
            validate("US12 3456"),
            Err(IbanProblem::UnknownCountry("US".into()))
        );
    }

    #[test]
    fn what_is_not_an_iban_says_so() {
        assert_eq!(validate(""), Err(IbanProblem::Empty));
        assert_eq!(validate("   "), Err(IbanProblem::Empty));
        assert_eq!(validate("1234 5678"), Err(IbanProblem::NotAnIban));
        assert_eq!(validate("F"), Err(IbanProblem::NotAnIban));
        assert_eq!(validate("FRXX 3000"), Err(IbanProblem::NotAnIban));
        assert_eq!(
            validate("FR76-3000"),
            Err(IbanProblem::InvalidCharacter('-'))
        );
        assert_eq!(
            validate("<script>alert(1)</script>"),
            Err(IbanProblem::InvalidCharacter('<'))
        );
        assert_eq!(
            validate("FR76 3000 6000 0112 3456 7890 18é"),
            Err(IbanProblem::InvalidCharacter('É'))
        );
    }

    #[test]
    fn ibans_are_shown_in_groups_of_four() {
        assert_eq!(
            grouped("fr7630006000011234567890189"),
            "FR76 3000 6000 0112 3456 7890 189"
        );
        assert_eq!(grouped(" de89 37040044 "), "DE89 3704 0044");
        assert_eq!(grouped(""), "");
    }

    #[test]
    fn every_country_length_is_plausible() {
        for (code, length) in LENGTHS {
            assert_eq!(code.len(), 2);
            assert!((15..=34).contains(length), "{code}");
        }
        let mut codes: Vec<_> = LENGTHS.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LENGTHS.len(), "a country is listed twice");
    }

    #[test]
    fn ten_thousand_random_strings_never_panic() {
        // A small deterministic generator (xorshift): no dependency, same run every time.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        const ALPHABET: &[char] = &[
            'A', 'F', 'R', 'I', 'T', 'Z', 'a', 'x', '0', '1', '7', '9', ' ', '-', 'é', 'ß', '€',
            '\u{0130}', '\u{FB03}', '\n', '🙂',
        ];
        let mut accepted = 0;
        for _ in 0..10_000 {
            let length = (next() % 40) as usize;
            let text: String = (0..length)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let _ = grouped(&text);
            if let Ok(iban) = validate(&text) {
                accepted += 1;
                assert_eq!(mod97(&iban), 1);
            }
        }
        // Random text is (almost) never a valid IBAN.
        assert!(accepted < 10);
    }
}
