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

Re-run with `pip install jieba==0.42.1 && python3 scripts/derive_lexicons.py`.
The output is deterministic for a given dict.txt.
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


def main():
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


if __name__ == "__main__":
    main()
