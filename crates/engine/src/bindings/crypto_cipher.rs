//! Symmetric ciphers for `createCipheriv`/`createDecipheriv`: the one table of
//! the ciphers we have (node's names, OpenSSL's NIDs and sizes), and the cipher
//! states JavaScript holds through tokens.
//!
//! The block ciphers are RustCrypto's (`aes`, `des`); the modes are written here
//! over a block encryption so that every mode streams as OpenSSL's do: CBC/ECB
//! hold back a partial block (and, decrypting with padding, the last block),
//! CTR/CFB/OFB and GCM/ChaCha20-Poly1305 give out as many bytes as they take.
//! GCM is CTR plus `ghash`, ChaCha20-Poly1305 is `chacha20` plus `poly1305`
//! (RFC 8439), CCM is CBC-MAC plus CTR (RFC 3610): all one-pass.
//!
//! Arguments arrive validated by `js/internal/crypto/cipher.js`; the ops answer
//! failures with a small number that JavaScript turns into node's error.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit, KeyIvInit, StreamCipher, StreamCipherSeek};
use ghash::universal_hash::UniversalHash;

use super::crypto::{store, token_id, Stored};
use super::{bytes_to_uint8array, with_view_contents, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "cipherInfo" => op_crypto_cipher_info,
        "cipherNames" => op_crypto_cipher_names,
        "cipherNew" => op_crypto_cipher_new,
        "cipherUpdate" => op_crypto_cipher_update,
        "cipherFinal" => op_crypto_cipher_final,
        "cipherSetAAD" => op_crypto_cipher_set_aad,
        "cipherSetAuthTag" => op_crypto_cipher_set_auth_tag,
        "cipherGetAuthTag" => op_crypto_cipher_get_auth_tag,
        "cipherSetAutoPadding" => op_crypto_cipher_set_auto_padding,
    }
}

// ---- the table ----

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Ecb,
    Cbc,
    Ctr,
    Cfb,
    Cfb1,
    Cfb8,
    Ofb,
    Gcm,
    Ccm,
    ChaCha20,
    ChaCha20Poly1305,
    Wrap,
}

impl Mode {
    /// The mode as `getCipherInfo` names it.
    fn label(self) -> &'static str {
        match self {
            Mode::Ecb => "ecb",
            Mode::Cbc => "cbc",
            Mode::Ctr => "ctr",
            Mode::Cfb | Mode::Cfb1 | Mode::Cfb8 => "cfb",
            Mode::Ofb => "ofb",
            Mode::Gcm => "gcm",
            Mode::Ccm => "ccm",
            Mode::ChaCha20 | Mode::ChaCha20Poly1305 => "stream",
            Mode::Wrap => "wrap",
        }
    }

    pub fn is_aead(self) -> bool {
        matches!(self, Mode::Gcm | Mode::Ccm | Mode::ChaCha20Poly1305)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum BlockKind {
    Aes128,
    Aes192,
    Aes256,
    DesEde,
    DesEde3,
    None,
}

impl BlockKind {
    fn block_len(self) -> usize {
        match self {
            BlockKind::DesEde | BlockKind::DesEde3 => 8,
            _ => 16,
        }
    }
}

pub struct CipherSpec {
    /// What `getCiphers` lists (and what the cipher is found by, any case).
    pub alias: &'static str,
    /// OpenSSL's canonical name, as `getCipherInfo` gives it.
    pub name: &'static str,
    pub nid: u32,
    pub mode: Mode,
    kind: BlockKind,
    pub key_len: usize,
    pub iv_len: usize,
}

impl CipherSpec {
    /// `getCipherInfo`'s blockSize: the block for ECB/CBC, 1 for the streaming
    /// modes of a block cipher, none for ChaCha20.
    pub fn block_size(&self) -> usize {
        match self.mode {
            Mode::Ecb | Mode::Cbc => self.kind.block_len(),
            Mode::Wrap => 8,
            Mode::ChaCha20 | Mode::ChaCha20Poly1305 => 0,
            _ => 1,
        }
    }
}

macro_rules! spec {
    ($alias:literal, $name:literal, $nid:literal, $mode:ident, $kind:ident, $key:literal, $iv:literal) => {
        CipherSpec {
            alias: $alias,
            name: $name,
            nid: $nid,
            mode: Mode::$mode,
            kind: BlockKind::$kind,
            key_len: $key,
            iv_len: $iv,
        }
    };
}

/// Every cipher we have, in `getCiphers` order (node's names and numbers).
pub const CIPHERS: &[CipherSpec] = &[
    spec!("aes-128-cbc", "aes-128-cbc", 419, Cbc, Aes128, 16, 16),
    spec!("aes-128-ccm", "id-aes128-ccm", 896, Ccm, Aes128, 16, 12),
    spec!("aes-128-cfb", "aes-128-cfb", 421, Cfb, Aes128, 16, 16),
    spec!("aes-128-cfb1", "aes-128-cfb1", 650, Cfb1, Aes128, 16, 16),
    spec!("aes-128-cfb8", "aes-128-cfb8", 653, Cfb8, Aes128, 16, 16),
    spec!("aes-128-ctr", "aes-128-ctr", 904, Ctr, Aes128, 16, 16),
    spec!("aes-128-ecb", "aes-128-ecb", 418, Ecb, Aes128, 16, 0),
    spec!("aes-128-gcm", "id-aes128-gcm", 895, Gcm, Aes128, 16, 12),
    spec!("aes-128-ofb", "aes-128-ofb", 420, Ofb, Aes128, 16, 16),
    spec!("aes-192-cbc", "aes-192-cbc", 423, Cbc, Aes192, 24, 16),
    spec!("aes-192-ccm", "id-aes192-ccm", 899, Ccm, Aes192, 24, 12),
    spec!("aes-192-cfb", "aes-192-cfb", 425, Cfb, Aes192, 24, 16),
    spec!("aes-192-cfb1", "aes-192-cfb1", 651, Cfb1, Aes192, 24, 16),
    spec!("aes-192-cfb8", "aes-192-cfb8", 654, Cfb8, Aes192, 24, 16),
    spec!("aes-192-ctr", "aes-192-ctr", 905, Ctr, Aes192, 24, 16),
    spec!("aes-192-ecb", "aes-192-ecb", 422, Ecb, Aes192, 24, 0),
    spec!("aes-192-gcm", "id-aes192-gcm", 898, Gcm, Aes192, 24, 12),
    spec!("aes-192-ofb", "aes-192-ofb", 424, Ofb, Aes192, 24, 16),
    spec!("aes-256-cbc", "aes-256-cbc", 427, Cbc, Aes256, 32, 16),
    spec!("aes-256-ccm", "id-aes256-ccm", 902, Ccm, Aes256, 32, 12),
    spec!("aes-256-cfb", "aes-256-cfb", 429, Cfb, Aes256, 32, 16),
    spec!("aes-256-cfb1", "aes-256-cfb1", 652, Cfb1, Aes256, 32, 16),
    spec!("aes-256-cfb8", "aes-256-cfb8", 655, Cfb8, Aes256, 32, 16),
    spec!("aes-256-ctr", "aes-256-ctr", 906, Ctr, Aes256, 32, 16),
    spec!("aes-256-ecb", "aes-256-ecb", 426, Ecb, Aes256, 32, 0),
    spec!("aes-256-gcm", "id-aes256-gcm", 901, Gcm, Aes256, 32, 12),
    spec!("aes-256-ofb", "aes-256-ofb", 428, Ofb, Aes256, 32, 16),
    spec!("aes128", "aes-128-cbc", 419, Cbc, Aes128, 16, 16),
    spec!("aes192", "aes-192-cbc", 423, Cbc, Aes192, 24, 16),
    spec!("aes256", "aes-256-cbc", 427, Cbc, Aes256, 32, 16),
    spec!("aes128-wrap", "id-aes128-wrap", 788, Wrap, Aes128, 16, 8),
    spec!("aes192-wrap", "id-aes192-wrap", 789, Wrap, Aes192, 24, 8),
    spec!("aes256-wrap", "id-aes256-wrap", 790, Wrap, Aes256, 32, 8),
    spec!("chacha20", "chacha20", 1019, ChaCha20, None, 32, 16),
    spec!("chacha20-poly1305", "chacha20-poly1305", 1018, ChaCha20Poly1305, None, 32, 12),
    spec!("des-ede", "des-ede", 32, Ecb, DesEde, 16, 0),
    spec!("des-ede-cbc", "des-ede-cbc", 43, Cbc, DesEde, 16, 8),
    spec!("des-ede-cfb", "des-ede-cfb", 60, Cfb, DesEde, 16, 8),
    spec!("des-ede-ecb", "des-ede", 32, Ecb, DesEde, 16, 0),
    spec!("des-ede-ofb", "des-ede-ofb", 62, Ofb, DesEde, 16, 8),
    spec!("des-ede3", "des-ede3", 33, Ecb, DesEde3, 24, 0),
    spec!("des-ede3-cbc", "des-ede3-cbc", 44, Cbc, DesEde3, 24, 8),
    spec!("des-ede3-cfb", "des-ede3-cfb", 61, Cfb, DesEde3, 24, 8),
    spec!("des-ede3-cfb1", "des-ede3-cfb1", 658, Cfb1, DesEde3, 24, 8),
    spec!("des-ede3-cfb8", "des-ede3-cfb8", 659, Cfb8, DesEde3, 24, 8),
    spec!("des-ede3-ecb", "des-ede3", 33, Ecb, DesEde3, 24, 0),
    spec!("des-ede3-ofb", "des-ede3-ofb", 63, Ofb, DesEde3, 24, 8),
    spec!("des3", "des-ede3-cbc", 44, Cbc, DesEde3, 24, 8),
    spec!("id-aes128-CCM", "id-aes128-ccm", 896, Ccm, Aes128, 16, 12),
    spec!("id-aes128-GCM", "id-aes128-gcm", 895, Gcm, Aes128, 16, 12),
    spec!("id-aes192-CCM", "id-aes192-ccm", 899, Ccm, Aes192, 24, 12),
    spec!("id-aes192-GCM", "id-aes192-gcm", 898, Gcm, Aes192, 24, 12),
    spec!("id-aes256-CCM", "id-aes256-ccm", 902, Ccm, Aes256, 32, 12),
    spec!("id-aes256-GCM", "id-aes256-gcm", 901, Gcm, Aes256, 32, 12),
    spec!("id-aes128-wrap", "id-aes128-wrap", 788, Wrap, Aes128, 16, 8),
    spec!("id-aes192-wrap", "id-aes192-wrap", 789, Wrap, Aes192, 24, 8),
    spec!("id-aes256-wrap", "id-aes256-wrap", 790, Wrap, Aes256, 32, 8),
];

/// A cipher by any of its names (any case) or by NID.
pub fn find_cipher(name: &str) -> Option<&'static CipherSpec> {
    CIPHERS.iter().find(|c| c.alias.eq_ignore_ascii_case(name) || c.name.eq_ignore_ascii_case(name))
}

fn find_cipher_by_nid(nid: u32) -> Option<&'static CipherSpec> {
    CIPHERS.iter().find(|c| c.nid == nid)
}

// ---- block ciphers ----

enum Block {
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
    DesEde(des::TdesEde2),
    DesEde3(des::TdesEde3),
}

macro_rules! each_block {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            Block::Aes128($c) => $body,
            Block::Aes192($c) => $body,
            Block::Aes256($c) => $body,
            Block::DesEde($c) => $body,
            Block::DesEde3($c) => $body,
        }
    };
}

impl Block {
    fn new(kind: BlockKind, key: &[u8]) -> Option<Block> {
        Some(match kind {
            BlockKind::Aes128 => Block::Aes128(aes::Aes128::new_from_slice(key).ok()?),
            BlockKind::Aes192 => Block::Aes192(aes::Aes192::new_from_slice(key).ok()?),
            BlockKind::Aes256 => Block::Aes256(aes::Aes256::new_from_slice(key).ok()?),
            BlockKind::DesEde => Block::DesEde(des::TdesEde2::new_from_slice(key).ok()?),
            BlockKind::DesEde3 => Block::DesEde3(des::TdesEde3::new_from_slice(key).ok()?),
            BlockKind::None => return None,
        })
    }

    fn len(&self) -> usize {
        match self {
            Block::DesEde(_) | Block::DesEde3(_) => 8,
            _ => 16,
        }
    }

    /// Encrypts whole blocks in place (`data.len()` a multiple of the block);
    /// AES does several at once.
    fn encrypt(&self, data: &mut [u8]) {
        each_block!(self, c => {
            for block in data.chunks_exact_mut(self.len()) {
                c.encrypt_block(GenericArray::from_mut_slice(block));
            }
        })
    }

    /// Like `encrypt`, but with AES's parallel blocks (for keystreams).
    fn encrypt_many(&self, data: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.encrypt_blocks(as_aes_blocks(data)),
            Block::Aes192(c) => c.encrypt_blocks(as_aes_blocks(data)),
            Block::Aes256(c) => c.encrypt_blocks(as_aes_blocks(data)),
            _ => self.encrypt(data),
        }
    }

    fn decrypt(&self, data: &mut [u8]) {
        match self {
            Block::Aes128(c) => c.decrypt_blocks(as_aes_blocks(data)),
            Block::Aes192(c) => c.decrypt_blocks(as_aes_blocks(data)),
            Block::Aes256(c) => c.decrypt_blocks(as_aes_blocks(data)),
            Block::DesEde(c) => data.chunks_exact_mut(8).for_each(|b| c.decrypt_block(GenericArray::from_mut_slice(b))),
            Block::DesEde3(c) => {
                data.chunks_exact_mut(8).for_each(|b| c.decrypt_block(GenericArray::from_mut_slice(b)))
            }
        }
    }
}

type AesBlock = GenericArray<u8, aes::cipher::consts::U16>;

/// Whole 16-byte blocks of `data` (a trailing partial block is left out).
fn as_aes_blocks(data: &mut [u8]) -> &mut [AesBlock] {
    let count = data.len() / 16;
    // SAFETY: `GenericArray<u8, U16>` is a `[u8; 16]` (alignment 1), and
    // `count * 16 <= data.len()` bytes are borrowed mutably for the result's life.
    unsafe { std::slice::from_raw_parts_mut(data.as_mut_ptr().cast::<AesBlock>(), count) }
}

fn xor_in_place(data: &mut [u8], with: &[u8]) {
    data.iter_mut().zip(with).for_each(|(d, k)| *d ^= k);
}

// ---- failures, as JavaScript numbers them ----

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Failure {
    BadDecrypt = 1,
    WrongFinalBlockLength = 2,
    Authenticate = 3,
    UnsupportedState = 4,
    InvalidState = 5,
}

type Out = Result<Vec<u8>, Failure>;

// ---- ECB and CBC ----

struct BlockMode {
    block: Block,
    chain: Option<Vec<u8>>,
    decrypt: bool,
    padding: bool,
    pending: Vec<u8>,
}

impl BlockMode {
    fn crypt(&mut self, data: &mut [u8]) {
        let n = self.block.len();
        match (&mut self.chain, self.decrypt) {
            (None, false) => self.block.encrypt(data),
            (None, true) => self.block.decrypt(data),
            (Some(chain), false) => {
                for block in data.chunks_exact_mut(n) {
                    xor_in_place(block, chain);
                    self.block.encrypt(block);
                    chain.copy_from_slice(block);
                }
            }
            (Some(chain), true) => {
                for block in data.chunks_exact_mut(n) {
                    let cipher_text = block.to_vec();
                    self.block.decrypt(block);
                    xor_in_place(block, chain);
                    *chain = cipher_text;
                }
            }
        }
    }

    fn update(&mut self, input: &[u8]) -> Out {
        let n = self.block.len();
        self.pending.extend_from_slice(input);
        let mut ready = self.pending.len() / n * n;
        // Decrypting with padding, the last whole block waits for final().
        if self.decrypt && self.padding && ready == self.pending.len() && ready > 0 {
            ready -= n;
        }
        let mut out: Vec<u8> = self.pending.drain(..ready).collect();
        self.crypt(&mut out);
        Ok(out)
    }

    fn finish(&mut self) -> Out {
        let n = self.block.len();
        let mut last = std::mem::take(&mut self.pending);
        match (self.decrypt, self.padding) {
            (false, true) => {
                let pad = n - last.len() % n;
                last.resize(last.len() + pad, pad as u8);
            }
            (true, true) if last.len() != n => return Err(Failure::WrongFinalBlockLength),
            (_, false) if !last.is_empty() => return Err(Failure::WrongFinalBlockLength),
            _ => {}
        }
        self.crypt(&mut last);
        if self.decrypt && self.padding {
            let pad = last.last().copied().unwrap_or(0) as usize;
            let valid = pad >= 1 && pad <= n && last[n - pad..].iter().all(|&b| b as usize == pad);
            if !valid {
                return Err(Failure::BadDecrypt);
            }
            last.truncate(n - pad);
        }
        Ok(last)
    }
}

// ---- keystreams: CTR (whole counter, as OpenSSL's CTR) and GCM's 32-bit counter ----

const KEYSTREAM_BLOCKS: usize = 64;

struct Keystream {
    block: Block,
    counter: [u8; 16],
    increment_low_32: bool,
    buf: Vec<u8>,
    used: usize,
}

impl Keystream {
    fn new(block: Block, counter: [u8; 16], increment_low_32: bool) -> Keystream {
        Keystream { block, counter, increment_low_32, buf: Vec::new(), used: 0 }
    }

    fn next_counter(&mut self) {
        let end = if self.increment_low_32 { 12 } else { 0 };
        for byte in self.counter[end..].iter_mut().rev() {
            *byte = byte.wrapping_add(1);
            if *byte != 0 {
                break;
            }
        }
    }

    fn refill(&mut self) {
        self.buf.clear();
        for _ in 0..KEYSTREAM_BLOCKS {
            self.buf.extend_from_slice(&self.counter);
            self.next_counter();
        }
        self.block.encrypt_many(&mut self.buf);
        self.used = 0;
    }

    fn apply(&mut self, mut data: &mut [u8]) {
        while !data.is_empty() {
            if self.used == self.buf.len() {
                self.refill();
            }
            let take = data.len().min(self.buf.len() - self.used);
            let (head, rest) = data.split_at_mut(take);
            xor_in_place(head, &self.buf[self.used..self.used + take]);
            self.used += take;
            data = rest;
        }
    }
}

// ---- CFB (whole block, 8 bits, 1 bit) and OFB ----

struct Feedback {
    block: Block,
    register: Vec<u8>,
    /// Bytes of `register` already used (full-block CFB and OFB).
    used: usize,
    mode: Mode,
    decrypt: bool,
}

impl Feedback {
    fn encrypted_register(&self) -> Vec<u8> {
        let mut out = self.register.clone();
        self.block.encrypt(&mut out);
        out
    }

    fn apply(&mut self, data: &mut [u8]) {
        match self.mode {
            Mode::Cfb8 => data.iter_mut().for_each(|b| *b = self.cfb8_byte(*b)),
            Mode::Cfb1 => data.iter_mut().for_each(|b| *b = self.cfb1_byte(*b)),
            _ => data.iter_mut().for_each(|b| *b = self.block_byte(*b)),
        }
    }

    /// Full-block CFB and OFB: the register holds the keystream block.
    fn block_byte(&mut self, input: u8) -> u8 {
        let n = self.register.len();
        if self.used == n {
            self.register = self.encrypted_register();
            self.used = 0;
        }
        let output = input ^ self.register[self.used];
        if self.mode == Mode::Cfb {
            self.register[self.used] = if self.decrypt { input } else { output };
        }
        self.used += 1;
        output
    }

    fn cfb8_byte(&mut self, input: u8) -> u8 {
        let output = input ^ self.encrypted_register()[0];
        self.register.rotate_left(1);
        if let Some(last) = self.register.last_mut() {
            *last = if self.decrypt { input } else { output };
        }
        output
    }

    fn cfb1_byte(&mut self, input: u8) -> u8 {
        let mut output = 0u8;
        for bit in (0..8).rev() {
            let in_bit = (input >> bit) & 1;
            let out_bit = in_bit ^ (self.encrypted_register()[0] >> 7);
            output |= out_bit << bit;
            self.shift_register_in(if self.decrypt { in_bit } else { out_bit });
        }
        output
    }

    fn shift_register_in(&mut self, bit: u8) {
        let mut carry = bit;
        for byte in self.register.iter_mut().rev() {
            let next = *byte >> 7;
            *byte = (*byte << 1) | carry;
            carry = next;
        }
    }
}

// ---- MACs fed in pieces: GHASH and Poly1305 take whole blocks ----

struct PaddedMac<U: UniversalHash> {
    mac: U,
    partial: Vec<u8>,
}

impl<U: UniversalHash> PaddedMac<U> {
    fn new(mac: U) -> Self {
        PaddedMac { mac, partial: Vec::with_capacity(16) }
    }

    fn update(&mut self, mut data: &[u8]) {
        if !self.partial.is_empty() {
            let take = data.len().min(16 - self.partial.len());
            self.partial.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.partial.len() < 16 {
                return;
            }
            self.mac.update_padded(&self.partial);
            self.partial.clear();
        }
        let whole = data.len() / 16 * 16;
        self.mac.update_padded(&data[..whole]);
        self.partial.extend_from_slice(&data[whole..]);
    }

    /// Ends a segment (AAD or text) with zero padding to a whole block.
    fn pad(&mut self) {
        if !self.partial.is_empty() {
            self.mac.update_padded(&self.partial);
            self.partial.clear();
        }
    }
}

// ---- AEAD bookkeeping shared by GCM, CCM and ChaCha20-Poly1305 ----

struct Tag {
    len: usize,
    expected: Option<Vec<u8>>,
    computed: Option<Vec<u8>>,
}

impl Tag {
    fn new(len: usize) -> Tag {
        Tag { len, expected: None, computed: None }
    }

    /// Encrypting, keeps the tag; decrypting, compares it with the one set.
    fn settle(&mut self, full: &[u8], decrypt: bool) -> Result<(), Failure> {
        let tag = full[..self.len.min(full.len())].to_vec();
        if decrypt {
            let expected = self.expected.as_deref().ok_or(Failure::Authenticate)?;
            if !super::crypto::constant_time_eq(expected, &tag[..expected.len().min(tag.len())]) {
                return Err(Failure::Authenticate);
            }
        } else {
            self.computed = Some(tag);
        }
        Ok(())
    }
}

struct Gcm {
    keystream: Keystream,
    ghash: PaddedMac<ghash::GHash>,
    tag_mask: [u8; 16],
    aad_len: u64,
    text_len: u64,
    text_started: bool,
    decrypt: bool,
    tag: Tag,
}

impl Gcm {
    fn new(block: Block, iv: &[u8], tag_len: usize, decrypt: bool) -> Gcm {
        let mut h = [0u8; 16];
        block.encrypt(&mut h);
        let mut j0 = [0u8; 16];
        if iv.len() == 12 {
            j0[..12].copy_from_slice(iv);
            j0[15] = 1;
        } else {
            let mut hash = PaddedMac::new(ghash::GHash::new(&h.into()));
            hash.update(iv);
            hash.pad();
            let mut lengths = [0u8; 16];
            lengths[8..].copy_from_slice(&(iv.len() as u64 * 8).to_be_bytes());
            hash.update(&lengths);
            j0 = hash.mac.finalize().into();
        }
        let mut tag_mask = j0;
        block.encrypt(&mut tag_mask);
        let mut keystream = Keystream::new(block, j0, true);
        keystream.next_counter();
        Gcm {
            keystream,
            ghash: PaddedMac::new(ghash::GHash::new(&h.into())),
            tag_mask,
            aad_len: 0,
            text_len: 0,
            text_started: false,
            decrypt,
            tag: Tag::new(tag_len),
        }
    }

    fn set_aad(&mut self, aad: &[u8]) -> bool {
        if self.text_started {
            return false;
        }
        self.ghash.update(aad);
        self.aad_len += aad.len() as u64;
        true
    }

    fn update(&mut self, input: &[u8]) -> Out {
        if !self.text_started {
            self.ghash.pad();
            self.text_started = true;
        }
        let mut out = input.to_vec();
        if self.decrypt {
            self.ghash.update(input);
        }
        self.keystream.apply(&mut out);
        if !self.decrypt {
            self.ghash.update(&out);
        }
        self.text_len += input.len() as u64;
        Ok(out)
    }

    fn finish(&mut self) -> Out {
        self.ghash.pad();
        let mut lengths = [0u8; 16];
        lengths[..8].copy_from_slice(&(self.aad_len * 8).to_be_bytes());
        lengths[8..].copy_from_slice(&(self.text_len * 8).to_be_bytes());
        self.ghash.update(&lengths);
        let mac = std::mem::replace(&mut self.ghash, PaddedMac::new(ghash::GHash::new(&[0u8; 16].into())));
        let mut full: [u8; 16] = mac.mac.finalize().into();
        xor_in_place(&mut full, &self.tag_mask);
        self.tag.settle(&full, self.decrypt)?;
        Ok(Vec::new())
    }
}

struct ChaChaPoly {
    cipher: chacha20::ChaCha20,
    poly: PaddedMac<poly1305::Poly1305>,
    aad_len: u64,
    text_len: u64,
    text_started: bool,
    decrypt: bool,
    tag: Tag,
}

impl ChaChaPoly {
    fn new(key: &[u8], nonce: &[u8], tag_len: usize, decrypt: bool) -> Option<ChaChaPoly> {
        let mut cipher = chacha20::ChaCha20::new_from_slices(key, nonce).ok()?;
        let mut poly_key = [0u8; 64];
        cipher.apply_keystream(&mut poly_key);
        let poly = poly1305::Poly1305::new_from_slice(&poly_key[..32]).ok()?;
        Some(ChaChaPoly {
            cipher,
            poly: PaddedMac::new(poly),
            aad_len: 0,
            text_len: 0,
            text_started: false,
            decrypt,
            tag: Tag::new(tag_len),
        })
    }

    fn set_aad(&mut self, aad: &[u8]) -> bool {
        if self.text_started {
            return false;
        }
        self.poly.update(aad);
        self.aad_len += aad.len() as u64;
        true
    }

    fn update(&mut self, input: &[u8]) -> Out {
        if !self.text_started {
            self.poly.pad();
            self.text_started = true;
        }
        let mut out = input.to_vec();
        if self.decrypt {
            self.poly.update(input);
        }
        self.cipher.apply_keystream(&mut out);
        if !self.decrypt {
            self.poly.update(&out);
        }
        self.text_len += input.len() as u64;
        Ok(out)
    }

    fn finish(&mut self) -> Out {
        if !self.text_started {
            self.poly.pad();
        }
        self.poly.pad();
        let mut lengths = [0u8; 16];
        lengths[..8].copy_from_slice(&self.aad_len.to_le_bytes());
        lengths[8..].copy_from_slice(&self.text_len.to_le_bytes());
        self.poly.update(&lengths);
        let zero = poly1305::Poly1305::new(&[0u8; 32].into());
        let mac = std::mem::replace(&mut self.poly, PaddedMac::new(zero));
        let full: [u8; 16] = mac.mac.finalize().into();
        self.tag.settle(&full, self.decrypt)?;
        Ok(Vec::new())
    }
}

/// CCM (RFC 3610): the whole message in one update, its length known first.
struct Ccm {
    block: Block,
    nonce: Vec<u8>,
    aad: Vec<u8>,
    plaintext_len: Option<usize>,
    done: bool,
    auth_failed: bool,
    decrypt: bool,
    tag: Tag,
}

impl Ccm {
    /// The length field's size L (15 - nonce length).
    fn length_size(&self) -> usize {
        15 - self.nonce.len()
    }

    fn length_fits(&self, len: usize) -> bool {
        let bits = 8 * self.length_size();
        bits >= 64 || (len as u64) < (1u64 << bits)
    }

    fn set_aad(&mut self, aad: &[u8], plaintext_len: Option<usize>) -> bool {
        if self.done || plaintext_len.is_some_and(|len| !self.length_fits(len)) {
            return false;
        }
        self.aad = aad.to_vec();
        self.plaintext_len = plaintext_len;
        true
    }

    fn counter_block(&self, index: usize) -> [u8; 16] {
        let mut a = [0u8; 16];
        a[0] = (self.length_size() - 1) as u8;
        a[1..1 + self.nonce.len()].copy_from_slice(&self.nonce);
        let index = (index as u64).to_be_bytes();
        let l = self.length_size().min(8);
        a[16 - l..].copy_from_slice(&index[8 - l..]);
        a
    }

    fn cbc_mac(&self, text: &[u8]) -> [u8; 16] {
        let l = self.length_size();
        let mut b0 = [0u8; 16];
        b0[0] = (if self.aad.is_empty() { 0 } else { 0x40 }) | ((((self.tag.len - 2) / 2) as u8) << 3) | (l - 1) as u8;
        b0[1..1 + self.nonce.len()].copy_from_slice(&self.nonce);
        let len = (text.len() as u64).to_be_bytes();
        let lb = l.min(8);
        b0[16 - lb..].copy_from_slice(&len[8 - lb..]);
        let mut input = b0.to_vec();
        if !self.aad.is_empty() {
            let a = self.aad.len();
            if a < 0xff00 {
                input.extend_from_slice(&(a as u16).to_be_bytes());
            } else {
                input.extend_from_slice(&[0xff, 0xfe]);
                input.extend_from_slice(&(a as u32).to_be_bytes());
            }
            input.extend_from_slice(&self.aad);
            input.resize(input.len().div_ceil(16) * 16, 0);
        }
        input.extend_from_slice(text);
        input.resize(input.len().div_ceil(16) * 16, 0);
        let mut mac = [0u8; 16];
        for chunk in input.chunks_exact(16) {
            xor_in_place(&mut mac, chunk);
            self.block.encrypt(&mut mac);
        }
        mac
    }

    fn update(&mut self, input: &[u8]) -> Out {
        let expected_len = self.plaintext_len.unwrap_or(input.len());
        if self.done || expected_len != input.len() || !self.length_fits(input.len()) {
            return Err(Failure::UnsupportedState);
        }
        self.done = true;
        let mut out = input.to_vec();
        let mut keystream = Keystream::new(Block::clone_of(&self.block), self.counter_block(1), false);
        keystream.apply(&mut out);
        let plain = if self.decrypt { &out } else { input };
        let mut full = self.cbc_mac(plain);
        let mut s0 = self.counter_block(0);
        self.block.encrypt(&mut s0);
        xor_in_place(&mut full, &s0);
        if self.tag.settle(&full, self.decrypt).is_err() {
            self.auth_failed = true;
            return Ok(Vec::new());
        }
        Ok(out)
    }

    fn finish(&mut self) -> Out {
        if !self.done {
            // No update: the empty message.
            self.update(&[])?;
        }
        if self.auth_failed {
            return Err(Failure::Authenticate);
        }
        Ok(Vec::new())
    }
}

impl Block {
    /// A second instance over the same key schedule.
    fn clone_of(block: &Block) -> Block {
        match block {
            Block::Aes128(c) => Block::Aes128(c.clone()),
            Block::Aes192(c) => Block::Aes192(c.clone()),
            Block::Aes256(c) => Block::Aes256(c.clone()),
            Block::DesEde(c) => Block::DesEde(c.clone()),
            Block::DesEde3(c) => Block::DesEde3(c.clone()),
        }
    }
}

// ---- AES key wrap (RFC 3394): the whole key in one update ----

struct KeyWrap {
    block: Block,
    iv: [u8; 8],
    decrypt: bool,
    done: bool,
}

impl KeyWrap {
    fn update(&mut self, input: &[u8]) -> Out {
        let min = if self.decrypt { 24 } else { 16 };
        if self.done || !input.len().is_multiple_of(8) || input.len() < min {
            return Err(Failure::UnsupportedState);
        }
        self.done = true;
        if self.decrypt {
            self.unwrap(input)
        } else {
            Ok(self.wrap(input))
        }
    }

    fn wrap(&self, plain: &[u8]) -> Vec<u8> {
        let n = plain.len() / 8;
        let mut a = self.iv;
        let mut r = plain.to_vec();
        let mut b = [0u8; 16];
        for j in 0..6 {
            for i in 0..n {
                b[..8].copy_from_slice(&a);
                b[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
                self.block.encrypt(&mut b);
                let t = (n * j + i + 1) as u64;
                xor_in_place(&mut b[..8], &t.to_be_bytes());
                a.copy_from_slice(&b[..8]);
                r[i * 8..i * 8 + 8].copy_from_slice(&b[8..]);
            }
        }
        let mut out = a.to_vec();
        out.extend(r);
        out
    }

    fn unwrap(&self, wrapped: &[u8]) -> Out {
        let n = wrapped.len() / 8 - 1;
        let mut a = [0u8; 8];
        a.copy_from_slice(&wrapped[..8]);
        let mut r = wrapped[8..].to_vec();
        let mut b = [0u8; 16];
        for j in (0..6).rev() {
            for i in (0..n).rev() {
                let t = (n * j + i + 1) as u64;
                xor_in_place(&mut a, &t.to_be_bytes());
                b[..8].copy_from_slice(&a);
                b[8..].copy_from_slice(&r[i * 8..i * 8 + 8]);
                self.block.decrypt(&mut b);
                a.copy_from_slice(&b[..8]);
                r[i * 8..i * 8 + 8].copy_from_slice(&b[8..]);
            }
        }
        // OpenSSL fails the update itself when the integrity check fails.
        if !super::crypto::constant_time_eq(&a, &self.iv) {
            return Err(Failure::UnsupportedState);
        }
        Ok(r)
    }
}

// ---- one cipher state ----

enum Engine {
    Block(BlockMode),
    Keystream(Keystream),
    Feedback(Feedback),
    ChaCha20(chacha20::ChaCha20),
    Gcm(Box<Gcm>),
    Ccm(Box<Ccm>),
    ChaChaPoly(Box<ChaChaPoly>),
    Wrap(KeyWrap),
}

pub struct CipherState {
    engine: Engine,
    finished: bool,
}

static CIPHER_STATES: LazyLock<Mutex<HashMap<u64, CipherState>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

impl Stored for CipherState {
    fn map() -> &'static Mutex<HashMap<u64, Self>> {
        &CIPHER_STATES
    }
}

/// Why a cipher could not be made (JavaScript checked the rest).
#[derive(Debug, PartialEq, Eq)]
pub enum NewFailure {
    KeyLength,
    Iv,
}

pub fn new_cipher(
    spec: &CipherSpec,
    key: &[u8],
    iv: &[u8],
    decrypt: bool,
    tag_len: usize,
) -> Result<CipherState, NewFailure> {
    if key.len() != spec.key_len {
        return Err(NewFailure::KeyLength);
    }
    if !iv_length_ok(spec, iv.len()) {
        return Err(NewFailure::Iv);
    }
    let block = || Block::new(spec.kind, key).ok_or(NewFailure::KeyLength);
    let engine = match spec.mode {
        Mode::Ecb | Mode::Cbc => Engine::Block(BlockMode {
            block: block()?,
            chain: (spec.mode == Mode::Cbc).then(|| iv.to_vec()),
            decrypt,
            padding: true,
            pending: Vec::new(),
        }),
        Mode::Ctr => {
            let counter: [u8; 16] = iv.try_into().map_err(|_| NewFailure::Iv)?;
            Engine::Keystream(Keystream::new(block()?, counter, false))
        }
        Mode::Cfb | Mode::Cfb1 | Mode::Cfb8 | Mode::Ofb => {
            let block = block()?;
            let used = block.len();
            Engine::Feedback(Feedback { block, register: iv.to_vec(), used, mode: spec.mode, decrypt })
        }
        Mode::Wrap => {
            let iv: [u8; 8] = iv.try_into().map_err(|_| NewFailure::Iv)?;
            Engine::Wrap(KeyWrap { block: block()?, iv, decrypt, done: false })
        }
        Mode::ChaCha20 => Engine::ChaCha20(chacha20_with_counter(key, iv).ok_or(NewFailure::Iv)?),
        Mode::Gcm => Engine::Gcm(Box::new(Gcm::new(block()?, iv, tag_len, decrypt))),
        Mode::Ccm => Engine::Ccm(Box::new(Ccm {
            block: block()?,
            nonce: iv.to_vec(),
            aad: Vec::new(),
            plaintext_len: None,
            done: false,
            auth_failed: false,
            decrypt,
            tag: Tag::new(tag_len),
        })),
        Mode::ChaCha20Poly1305 => {
            Engine::ChaChaPoly(Box::new(ChaChaPoly::new(key, iv, tag_len, decrypt).ok_or(NewFailure::Iv)?))
        }
    };
    Ok(CipherState { engine, finished: false })
}

pub fn iv_length_ok(spec: &CipherSpec, len: usize) -> bool {
    match spec.mode {
        Mode::Gcm => len > 0,
        Mode::Ccm => (7..=13).contains(&len),
        _ => len == spec.iv_len,
    }
}

/// OpenSSL's "chacha20": a 16-byte IV of a little-endian block counter and a 12-byte nonce.
fn chacha20_with_counter(key: &[u8], iv: &[u8]) -> Option<chacha20::ChaCha20> {
    let (counter, nonce) = iv.split_at_checked(4)?;
    let mut cipher = chacha20::ChaCha20::new_from_slices(key, nonce).ok()?;
    let counter = u32::from_le_bytes(counter.try_into().ok()?);
    cipher.try_seek(u64::from(counter) * 64).ok()?;
    Some(cipher)
}

impl CipherState {
    pub fn update(&mut self, input: &[u8]) -> Out {
        if self.finished {
            return Err(Failure::UnsupportedState);
        }
        match &mut self.engine {
            Engine::Block(b) => b.update(input),
            Engine::Keystream(k) => {
                let mut out = input.to_vec();
                k.apply(&mut out);
                Ok(out)
            }
            Engine::Feedback(f) => {
                let mut out = input.to_vec();
                f.apply(&mut out);
                Ok(out)
            }
            Engine::ChaCha20(c) => {
                let mut out = input.to_vec();
                c.apply_keystream(&mut out);
                Ok(out)
            }
            Engine::Gcm(g) => g.update(input),
            Engine::Ccm(c) => c.update(input),
            Engine::ChaChaPoly(c) => c.update(input),
            Engine::Wrap(w) => w.update(input),
        }
    }

    pub fn finish(&mut self) -> Out {
        if self.finished {
            return Err(Failure::InvalidState);
        }
        self.finished = true;
        match &mut self.engine {
            Engine::Block(b) => b.finish(),
            Engine::Gcm(g) => g.finish(),
            Engine::Ccm(c) => c.finish(),
            Engine::ChaChaPoly(c) => c.finish(),
            _ => Ok(Vec::new()),
        }
    }

    pub fn set_aad(&mut self, aad: &[u8], plaintext_len: Option<usize>) -> bool {
        match &mut self.engine {
            _ if self.finished => false,
            Engine::Gcm(g) => g.set_aad(aad),
            Engine::Ccm(c) => c.set_aad(aad, plaintext_len),
            Engine::ChaChaPoly(c) => c.set_aad(aad),
            _ => false,
        }
    }

    fn tag_mut(&mut self) -> Option<&mut Tag> {
        match &mut self.engine {
            Engine::Gcm(g) => Some(&mut g.tag),
            Engine::Ccm(c) => Some(&mut c.tag),
            Engine::ChaChaPoly(c) => Some(&mut c.tag),
            _ => None,
        }
    }

    /// Decrypting: the tag to check (its length was checked in JavaScript).
    pub fn set_auth_tag(&mut self, tag: &[u8]) -> bool {
        let finished = self.finished;
        match self.tag_mut() {
            Some(t) if !finished && t.expected.is_none() => {
                t.expected = Some(tag.to_vec());
                t.len = tag.len();
                true
            }
            _ => false,
        }
    }

    pub fn auth_tag(&mut self) -> Option<Vec<u8>> {
        self.tag_mut().and_then(|t| t.computed.clone())
    }

    pub fn set_auto_padding(&mut self, padding: bool) -> bool {
        match &mut self.engine {
            _ if self.finished => false,
            Engine::Block(b) => {
                b.padding = padding;
                true
            }
            _ => true,
        }
    }
}

// ---- ops ----

/// cipherInfo(name | nid) -> [name, nid, blockSize, ivLength, keyLength, mode] | undefined
fn op_crypto_cipher_info(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let arg = args.get(0);
    let spec = if arg.is_number() {
        arg.uint32_value(scope).and_then(find_cipher_by_nid)
    } else {
        find_cipher(&arg.to_rust_string_lossy(scope))
    };
    let Some(spec) = spec else {
        return;
    };
    let name = super::v8_str(scope, spec.name).into();
    let nid = v8::Number::new(scope, spec.nid as f64).into();
    let block = v8::Number::new(scope, spec.block_size() as f64).into();
    let iv = v8::Number::new(scope, spec.iv_len as f64).into();
    let key = v8::Number::new(scope, spec.key_len as f64).into();
    let mode = super::v8_str(scope, spec.mode.label()).into();
    rv.set(v8::Array::new_with_elements(scope, &[name, nid, block, iv, key, mode]).into());
}

/// cipherNames() -> the names `getCiphers` lists
fn op_crypto_cipher_names(
    scope: &mut v8::PinScope,
    _args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let names: Vec<v8::Local<v8::Value>> = CIPHERS.iter().map(|c| super::v8_str(scope, c.alias).into()).collect();
    rv.set(v8::Array::new_with_elements(scope, &names).into());
}

/// cipherNew(name, key, iv, decrypt, authTagLength) -> token | 'key' | 'iv' | undefined (unknown)
fn op_crypto_cipher_new(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(spec) = find_cipher(&args.get(0).to_rust_string_lossy(scope)) else {
        return;
    };
    let key = super::view_bytes(args.get(1)).unwrap_or_default();
    let iv = super::view_bytes(args.get(2)).unwrap_or_default();
    let decrypt = args.get(3).is_true();
    let tag_len = args.get(4).uint32_value(scope).unwrap_or(16).min(16) as usize;
    match new_cipher(spec, &key, &iv, decrypt, tag_len) {
        Ok(state) => rv.set(store(scope, state)),
        Err(NewFailure::KeyLength) => rv.set(super::v8_str(scope, "key").into()),
        Err(NewFailure::Iv) => rv.set(super::v8_str(scope, "iv").into()),
    }
}

fn with_cipher<R>(token: v8::Local<v8::Value>, f: impl FnOnce(&mut CipherState) -> R) -> Option<R> {
    let id = token_id(token)?;
    let mut map = CipherState::lock();
    map.get_mut(&id).map(f)
}

fn set_out(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue<v8::Value>, out: Option<Out>) {
    match out {
        Some(Ok(bytes)) => rv.set(bytes_to_uint8array(scope, bytes)),
        Some(Err(failure)) => rv.set_int32(failure as i32),
        None => rv.set_int32(Failure::InvalidState as i32),
    }
}

/// cipherUpdate(token, view) -> Uint8Array | failure number
fn op_crypto_cipher_update(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let token = args.get(0);
    let out = with_view_contents(args.get(1), |data| with_cipher(token, |c| c.update(data))).flatten();
    set_out(scope, &mut rv, out);
}

/// cipherFinal(token) -> Uint8Array | failure number
fn op_crypto_cipher_final(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let out = with_cipher(args.get(0), CipherState::finish);
    set_out(scope, &mut rv, out);
}

/// cipherSetAAD(token, view, plaintextLength | -1) -> ok
fn op_crypto_cipher_set_aad(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let token = args.get(0);
    let len = args.get(2).integer_value(scope).and_then(|n| usize::try_from(n).ok());
    let ok = with_view_contents(args.get(1), |aad| with_cipher(token, |c| c.set_aad(aad, len))).flatten();
    rv.set_bool(ok.unwrap_or(false));
}

/// cipherSetAuthTag(token, view) -> ok
fn op_crypto_cipher_set_auth_tag(
    _scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let token = args.get(0);
    let ok = with_view_contents(args.get(1), |tag| with_cipher(token, |c| c.set_auth_tag(tag))).flatten();
    rv.set_bool(ok.unwrap_or(false));
}

/// cipherGetAuthTag(token) -> Uint8Array | undefined
fn op_crypto_cipher_get_auth_tag(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    if let Some(tag) = with_cipher(args.get(0), CipherState::auth_tag).flatten() {
        rv.set(bytes_to_uint8array(scope, tag));
    }
}

/// cipherSetAutoPadding(token, on) -> ok
fn op_crypto_cipher_set_auto_padding(
    _scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let on = args.get(1).is_true();
    let ok = with_cipher(args.get(0), |c| c.set_auto_padding(on));
    rv.set_bool(ok.unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn run(name: &str, key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
        let spec = find_cipher(name).expect("known cipher");
        let mut c = new_cipher(spec, key, iv, false, 16).expect("cipher");
        let mut out = c.update(data).expect("update");
        out.extend(c.finish().expect("final"));
        out
    }

    #[test]
    fn aes_128_gcm_matches_nist_test_case_2() {
        let spec = find_cipher("aes-128-gcm").expect("known");
        let mut c = new_cipher(spec, &[0; 16], &[0; 12], false, 16).expect("cipher");
        assert_eq!(hex(&c.update(&[0; 16]).expect("update")), "0388dace60b6a392f328c2b971b2fe78");
        c.finish().expect("final");
        assert_eq!(hex(&c.auth_tag().expect("tag")), "ab6e47d42cec13bdf53a67b21257bddf");
    }

    #[test]
    fn cbc_pads_and_unpads() {
        let ct = run("aes-128-cbc", &[0; 16], &[0; 16], b"x");
        assert_eq!(ct.len(), 16);
        let spec = find_cipher("aes-128-cbc").expect("known");
        let mut d = new_cipher(spec, &[0; 16], &[0; 16], true, 16).expect("cipher");
        let mut out = d.update(&ct).expect("update");
        out.extend(d.finish().expect("final"));
        assert_eq!(out, b"x");
    }

    #[test]
    fn aes_key_wrap_matches_rfc_3394() {
        let key: Vec<u8> = (0..16).collect();
        let plain = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
        let wrapped = run("id-aes128-wrap", &key, &[0xa6; 8], &plain);
        assert_eq!(hex(&wrapped), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    }

    #[test]
    fn wrong_key_and_iv_lengths() {
        let spec = find_cipher("aes-256-cbc").expect("known");
        assert_eq!(new_cipher(spec, &[0; 5], &[0; 16], false, 16).err(), Some(NewFailure::KeyLength));
        assert_eq!(new_cipher(spec, &[0; 32], &[0; 5], false, 16).err(), Some(NewFailure::Iv));
    }
}
