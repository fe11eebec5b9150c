#!/usr/bin/env python3
"""Derives Guanxi's word and name-character lexicons from jieba's dictionary.

jieba 0.42.1 (MIT licence, https://github.com/fxsjy/jieba) ships `dict.txt`:
349,046 lines `word frequency part-of-speech`. From it this script writes, into
Sources/GuanxiExtraction/Resources/Lexicon/:

- `name-chars.tsv`: for each Han character, how likely it is in the given-name part
  of words tagged as person names (`nr`), in transliterated foreign names (`nrt`,
  `nrfg`), and as a surname (natural log x100). Statistics over characters only:
  no name is written out.
- `words.tsv`: ordinary words (every tag but the person-name tags) of one to four
  characters with their frequency and tag, frequency at least MIN_FREQUENCY; and
  two-character entries tagged as names that jieba counts at least
  COMMON_NAME_TAGGED times, which are overwhelmingly everyday words (智慧, 阳光). They
  tell which strings are everyday words (and so not a given name) and which are
  verbs (and so never the first part of an organisation or project name).

- `words.bin`: words.tsv compiled into the open-addressing hash table the extractor
  loads at start-up without parsing (little-endian): magic `GXWT`, format version,
  log2 of the capacity, word count, then the keys (UInt64: up to four BMP scalars,
  16 bits each) and the payloads (UInt32: log probability x100 as Int16 in the low
  bits, then the flags verb, name-tagged, opens-no-name, proper, adjective, time or
  numeral; bit 30:
  longer words extend this key; bit 31: the key is only a prefix, not a word).

Re-run with `pip install jieba==0.42.1 && python3 scripts/derive_lexicons.py`.
After editing words.tsv by hand, `python3 scripts/derive_lexicons.py --compile`
rebuilds words.bin from it alone. The output is deterministic for a given dict.txt.
"""
import math
import os
import sys
from collections import Counter

MIN_FREQUENCY = 20
COMMON_NAME_TAGGED = 100
NAME_TAGS = {"nr", "nrt", "nrfg"}
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Sources", "GuanxiExtraction", "Resources", "Lexicon")
RULES = os.path.join(HERE, "..", "Sources", "GuanxiExtraction", "Resources", "Rules")


def is_han(c):
    return 0x4E00 <= ord(c) <= 0x9FFF or 0x3400 <= ord(c) <= 0x4DBF


def surnames():
    out = set()
    with open(os.path.join(RULES, "surnames.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            out.update(w for w in line.split() if w != "rare")
    return out


# jieba's tags of words that never open a name: verbs, adverbs, prepositions,
# conjunctions, pronouns, time words, particles, localisers, numerals, classifiers,
# interjections, idioms and set phrases (举行, 积极, 去年, 一位). A one-character word
# opens no name only for the function-word tags (发 in 发改局 is no verb there, 中 in
# 中新网 no localiser).
OPENS_NO_NAME = {"v", "vn", "vd", "vg", "d", "dg", "ad", "p", "c", "r", "rg", "rr", "rz", "t", "tg", "u", "ud",
                 "ug", "uj", "ul", "uv", "uz", "f", "m", "mq", "q", "y", "e", "o", "i", "l"}
OPENS_NO_NAME_SINGLE = {"p", "c", "r", "d", "u", "ud", "ug", "uj", "ul", "uv", "uz"}
PROPER = {"ns", "nt", "nz", "j"}
CAPACITY_BITS = 17
MULTIPLIER = 0x9E3779B97F4A7C15


def compile_words():
    """words.tsv -> words.bin."""
    import struct
    rows = []
    with open(os.path.join(OUT, "words.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            word, freq, tag = line.rstrip("\n").split("\t")
            if len(word) > 4 or any(ord(c) >= 0x10000 for c in word):
                continue
            rows.append((word, int(freq), tag))
    total = sum(freq for _, freq, _ in rows)
    capacity = 1 << CAPACITY_BITS
    if len(rows) * 10 > capacity * 7:
        sys.exit("words.bin: too many words for the table; raise CAPACITY_BITS")
    entries = {}
    for word, freq, tag in rows:
        logp = round(100 * math.log(freq / total))
        single = len(word) == 1
        flags = (tag.startswith("v") << 0) | (tag.startswith("nr") << 1) \
            | ((tag in (OPENS_NO_NAME_SINGLE if single else OPENS_NO_NAME)) << 2) \
            | ((tag in PROPER) << 3) | ((tag in ("a", "ad", "an")) << 4) | ((tag in ("t", "tg", "m", "mq")) << 5)
        entries[word] = (logp & 0xFFFF) | (flags << 16)
    # Prefixes of longer words: bit 30 marks an entry that longer words extend, bit 31
    # an entry that is only such a prefix, not a word.
    for word in list(entries):
        for k in range(1, len(word)):
            prefix = word[:k]
            entries[prefix] = entries.get(prefix, 1 << 31) | (1 << 30)
    if len(entries) * 10 > capacity * 7:
        sys.exit("words.bin: too many entries for the table; raise CAPACITY_BITS")
    keys = [0] * capacity
    payloads = [0] * capacity
    for word, payload in entries.items():
        key = 0
        for c in word:
            key = (key << 16) | ord(c)
        slot = ((key * MULTIPLIER) & 0xFFFFFFFFFFFFFFFF) >> (64 - CAPACITY_BITS)
        while keys[slot] not in (0, key):
            slot = (slot + 1) & (capacity - 1)
        keys[slot] = key
        payloads[slot] = payload
    with open(os.path.join(OUT, "words.bin"), "wb") as f:
        f.write(b"GXWT" + struct.pack("<III", 2, CAPACITY_BITS, len(rows)))
        f.write(struct.pack(f"<{capacity}Q", *keys))
        f.write(struct.pack(f"<{capacity}I", *payloads))
    print(f"words.bin: {len(rows)} words, {len(entries)} entries with prefixes, in {capacity} slots", file=sys.stderr)


def main():
    if "--compile" in sys.argv[1:]:
        compile_words()
        return
    try:
        import jieba
    except ImportError:
        sys.exit("derive_lexicons.py needs jieba 0.42.1: pip install jieba==0.42.1")
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    family = surnames()
    single = Counter()      # one-character given names (after a known surname)
    first = Counter()       # first characters of two-character given names
    second = Counter()      # second characters of two-character given names
    foreign = Counter()     # characters of transliterated names
    family_count = Counter()  # surnames of those names
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            if not all(is_han(c) for c in word):
                continue
            if tag == "nr" and freq < COMMON_NAME_TAGGED:
                rest = None
                if len(word) in (3, 4) and word[:2] in family:
                    rest = word[2:]
                    family_count[word[:2]] += 1
                elif len(word) in (2, 3) and word[0] in family:
                    rest = word[1:]
                    family_count[word[0]] += 1
                if rest and len(rest) == 1:
                    single[rest] += 1
                elif rest:
                    first[rest[0]] += 1
                    second[rest[1]] += 1
                continue
            if tag in ("nrt", "nrfg") and len(word) >= 3:
                for c in word:
                    foreign[c] += 1
            if tag in NAME_TAGS:
                # jieba tags many everyday two-character words as names (智慧, 阳光,
                # 蓝图): a two-character "name" it sees this often is a word.
                if len(word) == 2 and freq >= COMMON_NAME_TAGGED:
                    words.append((word, freq, tag))
                continue
            if len(word) <= 4 and freq >= MIN_FREQUENCY:
                words.append((word, freq, tag))
    os.makedirs(OUT, exist_ok=True)
    totals = [sum(single.values()), sum(first.values()), sum(second.values())]
    total_foreign = sum(foreign.values())
    total_family = sum(family_count.values())

    def logp(count, total):
        return str(round(100 * math.log(count / total))) if count >= 3 else ""

    keys = sorted(set(single) | set(first) | set(second) | set(foreign) | set(family_count))
    with open(os.path.join(OUT, "name-chars.tsv"), "w", encoding="utf-8") as f:
        f.write("# Derived by scripts/derive_lexicons.py from jieba 0.42.1 dict.txt (MIT, see LICENSE-jieba).\n")
        f.write("# Natural log x100 of: P(character | one-character given name), P(character | first of two),\n")
        f.write("# P(character | second of two), P(character | transliterated name), P(surname | name).\n")
        f.write("# Counted over the words jieba tags nr, nrt and nrfg; empty = seen fewer than 3 times.\n")
        f.write("# key\tsingle\tfirst\tsecond\tforeign\tsurname\n")
        rows = 0
        for c in keys:
            row = [logp(single[c], totals[0]), logp(first[c], totals[1]), logp(second[c], totals[2]),
                   logp(foreign[c], total_foreign), logp(family_count[c], total_family)]
            if any(row):
                f.write(c + "\t" + "\t".join(row) + "\n")
                rows += 1
    words.sort()
    with open(os.path.join(OUT, "words.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# Derived by scripts/derive_lexicons.py from jieba 0.42.1 dict.txt (MIT, see LICENSE-jieba).\n")
        f.write(f"# Ordinary words of 1-4 characters, frequency >= {MIN_FREQUENCY}: word, frequency, jieba tag.\n")
        for w, freq, tag in words:
            f.write(f"{w}\t{freq}\t{tag}\n")
    print(f"name-chars.tsv: {rows} rows; words.tsv: {len(words)} words", file=sys.stderr)
    compile_words()


if __name__ == "__main__":
    main()
