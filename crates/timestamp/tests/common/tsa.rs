#![allow(dead_code)]

//! A local time-stamp authority made with OpenSSL at test time: a test CA
//! and TSA certificates (RSA and ECDSA), and `openssl ts -reply` answering
//! potdraw's own requests.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One authority: its key, certificate, the root that anchors it, and the ts config.
pub struct Tsa {
    pub dir: PathBuf,
    pub root: PathBuf,
    pub config: PathBuf,
}

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new("/usr/bin/openssl").args(args).current_dir(dir).output().expect("run openssl");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Key generation arguments for `openssl req -newkey`.
pub enum Key {
    Rsa,
    P256,
    P384,
}

impl Key {
    fn args(&self) -> Vec<&'static str> {
        match self {
            Key::Rsa => vec!["-newkey", "rsa:2048"],
            Key::P256 => vec!["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
            Key::P384 => vec!["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
        }
    }
}

/// What kind of TSA certificate to issue.
pub struct Options {
    pub ca_key: Key,
    pub tsa_key: Key,
    pub digest: &'static str,
    /// `openssl ca -startdate/-enddate` of the TSA certificate, or a year from now.
    pub validity: Option<(&'static str, &'static str)>,
    /// The EKU line of the TSA certificate.
    pub eku: &'static str,
    /// ESSCertID's hash: sha1 (v1 attribute) or sha256 (v2).
    pub ess_alg: &'static str,
    /// The TSA's default policy OID.
    pub policy: &'static str,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            ca_key: Key::Rsa,
            tsa_key: Key::Rsa,
            digest: "sha256",
            validity: None,
            eku: "critical,timeStamping",
            ess_alg: "sha256",
            policy: "1.2.3.4.1",
        }
    }
}

/// Makes a CA and a TSA certificate in `dir` (created).
pub fn make(dir: &Path, name: &str, o: &Options) -> Tsa {
    std::fs::create_dir_all(dir).unwrap();
    let mut args = vec!["req", "-x509", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650"];
    args.extend(o.ca_key.args());
    let subj = format!("/O=potdraw test/CN={name} root");
    args.extend([
        "-subj",
        &subj,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run(dir, &args);
    let mut args = vec!["req", "-new", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr"];
    args.extend(o.tsa_key.args());
    let subj = format!("/O=potdraw test/CN={name} TSA");
    args.extend(["-subj", &subj]);
    run(dir, &args);
    write(dir, "index.txt", "");
    write(dir, "serial", "1000\n");
    write(dir, "tsaserial", "01\n");
    let d = dir.display();
    write(
        dir,
        "ca.cnf",
        &format!(
            "[ca]\ndefault_ca=test\n[test]\ndir={d}\ndatabase=$dir/index.txt\nserial=$dir/serial\nnew_certs_dir=$dir\n\
             certificate=$dir/ca.pem\nprivate_key=$dir/ca.key\ndefault_md=sha256\npolicy=any\ndefault_days=365\n\
             unique_subject=no\nemail_in_dn=no\n[any]\ncommonName=supplied\norganizationName=optional\n\
             [tsa_ext]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage={eku}\n\
             subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n\
             [tsa]\ndefault_tsa=tsa1\n[tsa1]\ndir={d}\nserial=$dir/tsaserial\ncrypto_device=builtin\n\
             signer_cert=$dir/tsa.pem\nsigner_key=$dir/tsa.key\nsigner_digest={dg}\n\
             default_policy={policy}\ndigests=sha256,sha384,sha512\naccuracy=secs:1,millisecs:500\n\
             ordering=no\ntsa_name=yes\ness_cert_id_chain=no\ness_cert_id_alg={ess}\n",
            eku = o.eku,
            dg = o.digest,
            ess = o.ess_alg,
            policy = o.policy,
        ),
    );
    let mut args = vec![
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-extensions",
        "tsa_ext",
        "-in",
        "tsa.csr",
        "-out",
        "tsa.pem",
        "-notext",
    ];
    if let Some((from, to)) = o.validity {
        args.extend(["-startdate", from, "-enddate", to]);
    }
    run(dir, &args);
    Tsa { dir: dir.to_path_buf(), root: dir.join("ca.pem"), config: dir.join("ca.cnf") }
}

impl Tsa {
    /// `openssl ts -reply` to a DER request; returns the DER response.
    pub fn reply(&self, request: &[u8]) -> Vec<u8> {
        let req = self.dir.join("request.tsq");
        let resp = self.dir.join("response.tsr");
        std::fs::write(&req, request).unwrap();
        let config = self.config.display().to_string();
        run(&self.dir, &["ts", "-reply", "-config", &config, "-queryfile", "request.tsq", "-out", "response.tsr"]);
        std::fs::read(resp).unwrap()
    }
}
