//! Packs: many small index files (a segment's shards, its stored speeches) laid
//! end to end in a few large files, with a directory saying where each one is.
//! A client reads one entry of the directory and then the item itself, each
//! with an HTTP `Range` request, so a query downloads what it did before while
//! the site has a handful of files instead of tens of thousands — static hosts
//! limit files per deploy (Cloudflare Pages 20,000 on the free plan), and every
//! small file wastes a disk block.
//!
//! A directory is `count` entries of 8 bytes: `u32` little-endian `part << 24 |
//! offset`, then `u32` little-endian `length`. An item of length 0 is empty and
//! has no bytes. Items never straddle two parts, and a part is at most
//! [`MAX_PART_BYTES`] unless a single item is larger.
//!
//! The same directory also comes compact, as the items' lengths alone (varints):
//! where each item is follows from the lengths by the packing rule. A client
//! reads it once it has time, so that later queries skip the directory lookups.

use crate::t;

/// Under every common static host's limit on one file (Cloudflare Pages 25 MiB,
/// GitHub 100 MB), and small enough to be cached whole where `Range` is missing.
pub(crate) const MAX_PART_BYTES: usize = 16 << 20;
pub(crate) const ENTRY_BYTES: usize = 8;
const OFFSET_BITS: u32 = 24;
const MAX_PARTS: usize = 256;

/// Where one item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub part: usize,
    pub offset: usize,
    pub len: usize,
}

impl Entry {
    pub(crate) fn decode(bytes: &[u8]) -> Result<Entry, String> {
        let word = |i: usize| {
            bytes
                .get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or_else(|| t!("search-why-entry-ends-early"))
        };
        let place = word(0)?;
        Ok(Entry {
            part: place >> OFFSET_BITS,
            offset: place & ((1 << OFFSET_BITS) - 1),
            len: word(4)?,
        })
    }
}

/// A directory and the parts it points into.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Packed {
    pub directory: Vec<u8>,
    /// The lengths of the items, as varints: the directory, compact.
    pub lengths: Vec<u8>,
    pub parts: Vec<Vec<u8>>,
}

/// The directory entries the lengths of the items make, by the packing rule.
#[cfg(test)]
pub(crate) fn entries_from_lengths(lengths: &[usize]) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(lengths.len());
    let mut part: Option<(usize, usize)> = None;
    for &len in lengths {
        if len == 0 {
            entries.push(Entry {
                part: 0,
                offset: 0,
                len,
            });
            continue;
        }
        let (index, used) = match part {
            Some((index, used)) if used + len <= MAX_PART_BYTES => (index, used),
            Some((index, _)) => (index + 1, 0),
            None => (0, 0),
        };
        entries.push(Entry {
            part: index,
            offset: used,
            len,
        });
        part = Some((index, used + len));
    }
    entries
}

/// Lays the items end to end, in order, starting a new part when the next item
/// would not fit in the current one.
pub(crate) fn pack(items: impl IntoIterator<Item = Vec<u8>>) -> std::io::Result<Packed> {
    let mut packed = Packed::default();
    for item in items {
        let fits = packed
            .parts
            .last()
            .is_some_and(|part| part.len() + item.len() <= MAX_PART_BYTES);
        if !item.is_empty() && !fits {
            if packed.parts.len() == MAX_PARTS {
                return Err(std::io::Error::other(t!("search-too-many-packs")));
            }
            packed.parts.push(Vec::new());
        }
        let (part, offset) = match packed.parts.last_mut() {
            Some(part) if !item.is_empty() => {
                let offset = part.len();
                part.extend_from_slice(&item);
                (packed.parts.len() - 1, offset)
            }
            _ => (0, 0),
        };
        let len = u32::try_from(item.len())
            .map_err(|_| std::io::Error::other(t!("search-item-too-large")))?;
        let place = (part << OFFSET_BITS | offset) as u32;
        packed.directory.extend_from_slice(&place.to_le_bytes());
        packed.directory.extend_from_slice(&len.to_le_bytes());
        super::format::put_varint(&mut packed.lengths, len);
    }
    Ok(packed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(packed: &Packed, i: usize) -> Entry {
        Entry::decode(&packed.directory[i * ENTRY_BYTES..]).unwrap()
    }

    #[test]
    fn items_are_found_where_the_directory_says() {
        let items = vec![b"abc".to_vec(), Vec::new(), b"defgh".to_vec()];
        let packed = pack(items.clone()).unwrap();
        assert_eq!(packed.parts, [b"abcdefgh".to_vec()]);
        for (i, item) in items.iter().enumerate() {
            let e = entry(&packed, i);
            assert_eq!(&packed.parts[e.part][e.offset..e.offset + e.len], &item[..]);
        }
        assert_eq!(entry(&packed, 1).len, 0);
    }

    #[test]
    fn items_never_straddle_parts() {
        let big = vec![7u8; MAX_PART_BYTES - 10];
        let packed = pack([big.clone(), vec![1u8; 20], vec![2u8; 5]]).unwrap();
        assert_eq!(packed.parts.len(), 2);
        assert_eq!(
            entry(&packed, 1),
            Entry {
                part: 1,
                offset: 0,
                len: 20
            }
        );
        assert_eq!(
            entry(&packed, 2),
            Entry {
                part: 1,
                offset: 20,
                len: 5
            }
        );
        assert!(pack(Vec::<Vec<u8>>::new()).unwrap().parts.is_empty());
    }

    #[test]
    fn the_lengths_alone_give_the_directory() {
        let items = vec![
            vec![1u8; MAX_PART_BYTES - 10],
            Vec::new(),
            vec![2u8; 20],
            vec![3u8; 5],
            vec![4u8; MAX_PART_BYTES + 1],
            vec![5u8; 1],
        ];
        let lengths: Vec<usize> = items.iter().map(Vec::len).collect();
        let packed = pack(items).unwrap();
        let from_directory: Vec<Entry> = (0..lengths.len()).map(|i| entry(&packed, i)).collect();
        assert_eq!(entries_from_lengths(&lengths), from_directory);
        let mut reader = crate::search::format::Reader::new(&packed.lengths);
        let decoded: Vec<usize> = (0..lengths.len())
            .map(|_| reader.varint().unwrap() as usize)
            .collect();
        assert_eq!(decoded, lengths);
    }
}
