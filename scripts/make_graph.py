#!/usr/bin/env python3
"""Generates a knowledge graph shaped like Guanxi's, of any size, as GraphML that
`guanxi import` reads (and, with --csv, as the node and edge CSV files Kuzu's COPY
loads, for the big-graph benchmark).

Shape: places in a hierarchy (provinces > cities > districts > towns > villages, each
`belongs_to` its parent), organisations and companies `belongs_to` a town, projects
`belongs_to` a village, persons who `lead` one unit and are `member_of` others, and
companies that `fund` projects. Names are made of syllables; nothing is real.

    python3 scripts/make_graph.py --nodes 1000000 --facts 5000000 --out big.graphml [--csv DIR]

The output is deterministic for a given --seed. Memory stays flat: nodes and edges are
written as they are made (only the ids of each type are kept, 8 bytes a node).
"""
import argparse
import os
import random
from array import array

SYLLABLES = "安 白 宝 北 长 城 大 东 丰 福 高 古 光 河 和 红 华 黄 佳 江 金 锦 景 康 乐 林 龙 梅 明 南 平 青 清 仁 瑞 山 上 石 顺 泰 桃 天 田 溪 西 祥 新 兴 阳 永 云 中 竹".split()
SURNAMES = "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭".split()
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 涛 明 超 秀 霞 平 刚 桂 英 华 建 国 文 红 玉 兰 海".split()
LEVELS = [("Province", "省"), ("City", "市"), ("District", "区"), ("Town", "镇"), ("Village", "村")]


def name(rng, suffix, parts=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)) + suffix


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nodes", type=int, default=100000)
    ap.add_argument("--facts", type=int, default=None, help="about how many facts (default 5 per node)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--csv", help="also write Kuzu-loadable CSV files into this folder")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n = max(args.nodes, 20)
    target_facts = args.facts if args.facts is not None else 5 * n

    out = open(args.out, "w", encoding="utf-8")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for k in ("label", "type", "code"):
        out.write(f'<key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>\n')
    for k in ("relation", "role"):
        out.write(f'<key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>\n')
    out.write('<key id="e_amount_yuan" for="edge" attr.name="amount_yuan" attr.type="double"/>\n')
    out.write('<graph id="G" edgedefault="directed">\n')
    csv_nodes = csv_edges = None
    if args.csv:
        os.makedirs(args.csv, exist_ok=True)
        csv_nodes = open(os.path.join(args.csv, "nodes.csv"), "w", encoding="utf-8")
        csv_edges = open(os.path.join(args.csv, "edges.csv"), "w", encoding="utf-8")

    next_id = [0]
    by_type = {}
    edges = [0]

    def node(type_, label, code=None):
        i = next_id[0]
        next_id[0] += 1
        by_type.setdefault(type_, array("q")).append(i)
        code_data = f'<data key="n_code">{code}</data>' if code else ""
        out.write(f'<node id="n{i + 1}"><data key="n_label">{label}</data><data key="n_type">{type_}</data>{code_data}</node>\n')
        if csv_nodes:
            csv_nodes.write(f'{i + 1},{type_},{label}\n')
        return i

    def edge(s, relation, o, role=None, amount=None):
        edges[0] += 1
        extra = (f'<data key="e_role">{role}</data>' if role else "") + (f'<data key="e_amount_yuan">{amount}</data>' if amount else "")
        out.write(f'<edge id="e{edges[0]}" source="n{s + 1}" target="n{o + 1}"><data key="e_relation">{relation}</data>{extra}</edge>\n')
        if csv_edges:
            csv_edges.write(f'{s + 1},{o + 1},{relation}\n')

    # Places: 40 % of the nodes, each level about eight times the one above.
    places = int(n * 0.40)
    counts = [max(1, places // 4681 * k) for k in (1, 8, 64, 512, 4096)]
    parents = []
    for level, ((type_, suffix), count) in enumerate(zip(LEVELS, counts)):
        current = array("q")
        for k in range(count):
            i = node(type_, name(rng, suffix), code=f"{level + 1}{k:011d}")
            current.append(i)
            if parents:
                edge(i, "belongs_to", parents[rng.randrange(len(parents))])
        parents = current
    towns, villages = by_type["Town"], by_type["Village"]
    # Units: organisations and companies in towns, projects in villages.
    # A number in each name keeps every unit its own node (a type and a name are an identity).
    for k in range(int(n * 0.10)):
        edge(node("Organization", name(rng, f"{k}党委")), "belongs_to", towns[rng.randrange(len(towns))])
    for k in range(int(n * 0.08)):
        edge(node("Company", name(rng, f"{k}有限公司", 3)), "belongs_to", towns[rng.randrange(len(towns))])
    for k in range(int(n * 0.07)):
        edge(node("Project", name(rng, f"{k}项目", 3)), "belongs_to", villages[rng.randrange(len(villages))])
    units = [by_type["Village"], by_type["Town"], by_type["Organization"], by_type["Company"]]
    companies, projects = by_type["Company"], by_type["Project"]
    persons = n - next_id[0]
    # The rest of the facts: persons lead one unit and are members of others; companies fund.
    remaining = max(0, target_facts - edges[0])
    per_person = remaining * 0.8 / max(1, persons)
    funds = int(remaining * 0.2)
    for _ in range(persons):
        p = node("Person", rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))))
        kind = units[rng.randrange(4)]
        edge(p, "leads", kind[rng.randrange(len(kind))], role="书记")
        k = max(0, int(per_person - 1 + rng.random()))
        for _ in range(k):
            kind = units[rng.randrange(4)]
            edge(p, "member_of", kind[rng.randrange(len(kind))], role="委员")
    for _ in range(funds):
        edge(companies[rng.randrange(len(companies))], "funds", projects[rng.randrange(len(projects))], amount=rng.randrange(1, 500) * 10000.0)
    out.write("</graph>\n</graphml>\n")
    out.close()
    for f in (csv_nodes, csv_edges):
        if f:
            f.close()
    print(f"{next_id[0]} nodes, {edges[0]} edges -> {args.out}")


if __name__ == "__main__":
    main()
