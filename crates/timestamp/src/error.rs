//! Why a token failed, as a typed reason (SPEC §18.2): the CLI turns each
//! variant into a sentence in the user's language and `--json` into its
//! [`TokenError::code`], so the reasons are data, never strings to parse.

/// A token that did not pass the check of SPEC §18.2, with the first reason found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The bytes are not a DER `TimeStampResp` or `TimeStampToken`; `what` names the part.
    #[error("not a readable time-stamp response or token ({what}: {detail})")]
    Malformed { what: &'static str, detail: String },
    /// The response's status is neither granted (0) nor grantedWithMods (1).
    #[error("the time-stamp authority did not grant the request (status {status})")]
    NotGranted { status: u8 },
    /// A response with a granted status but without a token.
    #[error("the response holds no time-stamp token")]
    NoToken,
    /// The CMS structure is not SignedData over a TSTInfo, or does not have exactly one signer.
    #[error("not a time-stamp token: {detail}")]
    NotATimeStamp { detail: String },
    /// An algorithm this checker does not implement (SPEC §18.2 lists those it does).
    #[error("unsupported {what}: {found}")]
    Unsupported { what: &'static str, found: String },
    /// The signer's certificate is neither in the token nor among the chosen certificates.
    #[error("the signer's certificate is neither in the token nor among the given certificates")]
    SignerCertificateMissing,
    /// The message-digest attribute is missing or is not the hash of the TSTInfo.
    #[error("the message-digest attribute {detail}")]
    MessageDigest { detail: &'static str },
    /// The content-type attribute is missing or is not id-ct-TSTInfo.
    #[error("the content-type attribute {detail}")]
    ContentType { detail: &'static str },
    /// The signing-certificate attribute (ESSCertID or ESSCertIDv2) is missing or names another certificate.
    #[error("the signing-certificate attribute {detail}")]
    SigningCertificate { detail: &'static str },
    /// The signature over the signed attributes does not verify with the signer's key.
    #[error("the signature does not verify with the key of {signer}")]
    Signature { signer: String },
    /// A certificate of the chain is not valid at genTime.
    #[error(
        "certificate {subject} is not valid at the token's time {gen_time}: valid from {not_before} to {not_after}"
    )]
    CertificateTime { subject: String, gen_time: String, not_before: String, not_after: String },
    /// A certificate's signature, CA status or extensions do not hold.
    #[error("certificate {subject}: {detail}")]
    Certificate { subject: String, detail: &'static str },
    /// The signer's certificate lacks the timeStamping extended key usage (critical, alone).
    #[error("certificate {subject} is not a time-stamping certificate: {detail}")]
    NotTimeStamping { subject: String, detail: &'static str },
    /// The message imprint is not the expected hash.
    #[error("the token is for {found}, not for {expected}")]
    Imprint { expected: String, found: String },
    /// The nonce of the request is missing from the token or differs.
    #[error("the token's nonce {found} is not the request's {expected}")]
    Nonce { expected: String, found: String },
    /// The TSTInfo's `tsa` name is not the signer's.
    #[error("the token names the authority {tsa}, but is signed by {signer}")]
    TsaName { tsa: String, signer: String },
    /// The TSTInfo's version is not 1.
    #[error("TSTInfo version {found}, expected 1")]
    Version { found: String },
}

impl TokenError {
    /// A stable, short identifier of the reason, for `--json` and message keys.
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::Malformed { .. } => "malformed",
            TokenError::NotGranted { .. } => "not-granted",
            TokenError::NoToken => "no-token",
            TokenError::NotATimeStamp { .. } => "not-a-time-stamp",
            TokenError::Unsupported { .. } => "unsupported",
            TokenError::SignerCertificateMissing => "signer-certificate-missing",
            TokenError::MessageDigest { .. } => "message-digest",
            TokenError::ContentType { .. } => "content-type",
            TokenError::SigningCertificate { .. } => "signing-certificate",
            TokenError::Signature { .. } => "signature",
            TokenError::CertificateTime { .. } => "certificate-time",
            TokenError::Certificate { .. } => "certificate",
            TokenError::NotTimeStamping { .. } => "not-time-stamping",
            TokenError::Imprint { .. } => "imprint",
            TokenError::Nonce { .. } => "nonce",
            TokenError::TsaName { .. } => "tsa-name",
            TokenError::Version { .. } => "version",
        }
    }

    pub(crate) fn malformed(what: &'static str, e: impl std::fmt::Display) -> TokenError {
        TokenError::Malformed { what, detail: e.to_string() }
    }
}
