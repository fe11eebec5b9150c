#!/usr/bin/env python3
"""Derives Guanxi's list of places outside China from the iso-codes translations.

usage: pip install pycountry==26.2.16 && scripts/derive_world_places.py

pycountry ships Debian's iso-codes message catalogues (LGPL-2.1): the simplified
Chinese names of the ISO 3166-1 countries, ISO 3166-2 subdivisions (states,
provinces, capitals such as 莫斯科) and ISO 3166-3 former countries. Those names
written in Han characters only, two characters or more, become
`Sources/GuanxiExtraction/Resources/Lexicon/world-places.txt`, one a line: a
transliterated place (卢森堡, 马尼拉) is then never read as a foreign person's name.
China's own divisions are left out (the gazetteer has them).
"""
import gettext
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Sources", "GuanxiExtraction", "Resources", "Lexicon")
CATALOGUES = ["iso3166-1", "iso3166-2", "iso3166-3"]


def is_han(c):
    return "\u3400" <= c <= "\u9fff"


def main():
    try:
        import pycountry
    except ImportError:
        sys.exit("derive_world_places.py needs pycountry: pip install pycountry==26.2.16")
    locales = os.path.join(os.path.dirname(pycountry.__file__), "locales", "zh_CN", "LC_MESSAGES")
    china = {s.name for s in pycountry.subdivisions.get(country_code="CN")} | {"China", "Taiwan, Province of China",
                                                                               "Hong Kong", "Macao"}
    names = set()
    for catalogue in CATALOGUES:
        with open(os.path.join(locales, catalogue + ".mo"), "rb") as f:
            translations = gettext.GNUTranslations(f)
        for english, chinese in translations._catalog.items():
            if not english or english in china or not isinstance(chinese, str):
                continue
            if len(chinese) >= 2 and all(is_han(c) for c in chinese):
                names.add(chinese)
    names -= {"中国", "中华人民共和国", "台湾", "香港", "澳门"}
    with open(os.path.join(OUT, "world-places.txt"), "w", encoding="utf-8") as f:
        f.write(f"# Derived by scripts/derive_world_places.py from iso-codes via pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".rstrip() + "\n")
        f.write("# (LGPL-2.1, see LICENSE-iso-codes): names of countries, their subdivisions and former countries.\n")
        for name in sorted(names):
            f.write(name + "\n")
    print(f"{len(names)} places written", file=sys.stderr)


if __name__ == "__main__":
    main()
