//! OVHcloud-style products, service references and labels in French and Italian.

use rust_decimal::Decimal;

use crate::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    It,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Vps,
    Dedicated,
    Cloud,
    Domain,
    Hosting,
    Licence,
    Ip,
    Backup,
}

impl Family {
    /// The statutory withdrawal right does not apply to domain names and software licences.
    pub fn excludes_withdrawal(self) -> bool {
        matches!(self, Family::Domain | Family::Licence)
    }

    /// Services renewed monthly carry a one-month period; the others a year.
    pub fn yearly(self) -> bool {
        matches!(self, Family::Domain | Family::Hosting)
    }
}

/// One line to bill, before ids and money wrapping.
#[derive(Debug, Clone)]
pub struct LineSpec {
    pub family: Family,
    pub description: String,
    pub service_reference: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

pub fn domains(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => &[
            "example-boutique.fr",
            "atelier-dupont.fr",
            "camille-photo.fr",
        ],
        Lang::It => &[
            "rossicostruzioni.it",
            "cantiere-rossi.it",
            "example-negozio.it",
        ],
    }
}

pub fn product(rng: &mut SplitMix64, family: Family, lang: Lang) -> LineSpec {
    let fr = lang == Lang::Fr;
    let t = |a: &str, b: &str| if fr { a.to_owned() } else { b.to_owned() };
    let domain = (*rng.pick(domains(lang))).to_owned();
    let vps_ref = format!("vps-{:06x}.vps.ovh.net", rng.next_u64() & 0xff_ffff);
    let (description, service_reference, quantity, unit) = match family {
        Family::Vps => {
            let (f, i, p) = *rng.pick(&[
                (
                    "VPS Value 1 vCore 2 Go RAM 40 Go SSD – 1 mois",
                    "VPS Value 1 vCore 2 GB RAM 40 GB SSD – 1 mese",
                    549,
                ),
                (
                    "VPS Essential 2 vCores 4 Go RAM 80 Go SSD – 1 mois",
                    "VPS Essential 2 vCore 4 GB RAM 80 GB SSD – 1 mese",
                    1099,
                ),
                (
                    "VPS Comfort 4 vCores 8 Go RAM 160 Go SSD – 1 mois",
                    "VPS Comfort 4 vCore 8 GB RAM 160 GB SSD – 1 mese",
                    2199,
                ),
            ]);
            (t(f, i), vps_ref, 1, cents(p))
        }
        Family::Dedicated => {
            let (f, i, p) = *rng.pick(&[
                (
                    "Serveur dédié Rise-1 – Intel Xeon-E 2136, 32 Go",
                    "Server dedicato Rise-1 – Intel Xeon-E 2136, 32 GB",
                    6499,
                ),
                (
                    "Serveur dédié Advance-2 – AMD EPYC 4244P, 64 Go",
                    "Server dedicato Advance-2 – AMD EPYC 4244P, 64 GB",
                    10499,
                ),
            ]);
            let r = format!(
                "ns3{:06}.ip-51-68-{}.eu",
                rng.range(0, 999_999),
                rng.range(1, 254)
            );
            (t(f, i), r, 1, cents(p))
        }
        Family::Cloud => {
            let project = format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64());
            (
                t(
                    "Public Cloud – consommation du mois (instances b2-7, stockage objet)",
                    "Public Cloud – consumo del mese (istanze b2-7, object storage)",
                ),
                project,
                1,
                cents(rng.range(1200, 18_000) as i64),
            )
        }
        Family::Domain => {
            let p = if domain.ends_with(".fr") { 799 } else { 899 };
            (
                if fr {
                    format!("Nom de domaine {domain} – renouvellement 1 an")
                } else {
                    format!("Nome di dominio {domain} – rinnovo 1 anno")
                },
                domain,
                1,
                cents(p),
            )
        }
        Family::Hosting => (
            t(
                "Hébergement Web Perso – 1 an (domaine offert)",
                "Hosting Web Personal – 1 anno (dominio incluso)",
            ),
            domain,
            1,
            cents(3588),
        ),
        Family::Licence => {
            let tenant = domain
                .split('.')
                .next()
                .unwrap_or("tenant")
                .replace('-', "");
            (
                t(
                    "Licence Microsoft 365 Business Standard – mensuelle",
                    "Licenza Microsoft 365 Business Standard – mensile",
                ),
                format!("{tenant}.onmicrosoft.com"),
                rng.range(1, 5) as i64,
                cents(1050),
            )
        }
        Family::Ip => (
            t(
                "Adresse IP additionnelle (Additional IP) – frais d'installation",
                "Indirizzo IP aggiuntivo (Additional IP) – attivazione",
            ),
            format!("51.68.{}.{}", rng.range(1, 254), rng.range(1, 254)),
            1,
            cents(200),
        ),
        Family::Backup => (
            t(
                "Sauvegarde automatisée du VPS – option",
                "Backup automatizzato del VPS – opzione",
            ),
            vps_ref,
            1,
            cents(199),
        ),
    };
    LineSpec {
        family,
        description,
        service_reference,
        quantity: Decimal::from(quantity),
        unit_price: unit,
    }
}

/// A 2,000-character description: the portal must wrap or truncate it gracefully.
pub fn long_description() -> String {
    let chunk = "Configuration sur mesure : stockage NVMe supplémentaire, bande passante garantie, \
                 réseau privé vRack, anti-DDoS, supervision 24/7 et accompagnement à la migration ; ";
    chunk.chars().cycle().take(2000).collect()
}

/// Human label of a payment type, as printed on invoices.
pub fn payment_type_label(kind: billing_contract::PaymentMethodType, lang: Lang) -> &'static str {
    use billing_contract::PaymentMethodType as T;
    match (kind, lang) {
        (T::Card, Lang::Fr) => "Carte bancaire",
        (T::Card, Lang::It) => "Carta di credito",
        (T::Sepa, Lang::Fr) => "Prélèvement SEPA",
        (T::Sepa, Lang::It) => "Addebito diretto SEPA",
        (T::Paypal, _) => "PayPal",
        (T::Transfer, Lang::Fr) => "Virement bancaire",
        (T::Transfer, Lang::It) => "Bonifico bancario",
        (T::Unknown, _) => "—",
    }
}
