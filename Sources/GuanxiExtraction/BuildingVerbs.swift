import GuanxiText

/// Verbs around works being built, shared by the name rules and the relation rules.
enum BuildingVerbs {
    /// Building or setting something up, as 在X…Y reads them (在某镇建设某某项目).
    static let building = ["建设", "打造", "兴建", "新建", "投资", "实施", "建成", "开工", "落实", "创办", "设立", "成立", "开设", "布局", "启动", "推进"]
        .map { Array($0.unicodeScalars) }
    /// Building paid for by donors (某某等侨商捐建的…).
    static let donated = ["捐资修建", "出资修建", "捐资建设", "出资建设", "捐建", "援建"].map { Array($0.unicodeScalars) }
    /// Their first characters, to reject most positions before matching.
    static let donatedStarts = ScalarSet(donated.compactMap(\.first))
    /// What completes or opens a work (…竣工通车).
    static let completion = ["竣工", "建成", "落成", "通车", "开工", "投用", "启用", "交付"].map { Array($0.unicodeScalars) }
}
