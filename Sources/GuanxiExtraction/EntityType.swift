/// The entity types of the ONTOLOGY.
public enum EntityType: String, Sendable, Codable, CaseIterable, Hashable {
    case person = "Person"
    case province = "Province"
    case city = "City"
    case district = "District"
    case town = "Town"
    case village = "Village"
    case community = "Community"
    case company = "Company"
    case organization = "Organization"
    case program = "Program"
    case project = "Project"

    /// The case's position in the declaration. Equality and hashing use it: the
    /// raw-value defaults would compare and hash the type's name as a string, and
    /// types are dictionary keys on the extractor's hot paths.
    @inline(__always)
    var ordinal: UInt8 {
        switch self {
        case .person: return 0
        case .province: return 1
        case .city: return 2
        case .district: return 3
        case .town: return 4
        case .village: return 5
        case .community: return 6
        case .company: return 7
        case .organization: return 8
        case .program: return 9
        case .project: return 10
        }
    }

    @inline(__always)
    public static func == (a: EntityType, b: EntityType) -> Bool { a.ordinal == b.ordinal }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// True for the administrative and residential place types.
    public var isPlace: Bool {
        switch self {
        case .province, .city, .district, .town, .village, .community: return true
        default: return false
        }
    }

    /// Rank in the place hierarchy (province 0 … community 5), nil for non-places.
    public var placeRank: Int? {
        switch self {
        case .province: return 0
        case .city: return 1
        case .district: return 2
        case .town: return 3
        case .village, .community: return 4
        default: return nil
        }
    }

    /// True for types that can be the object of `leads` / `member_of`.
    public var isUnit: Bool { self != .person }

    /// The place type a bare level word stands for at the start of a body's name
    /// (市工商联, 县委统战部): the article's place of that level.
    static let ofLevelWord: [Unicode.Scalar: EntityType] = ["省": .province, "市": .city, "县": .district, "区": .district, "镇": .town, "乡": .town]
}

/// The relations of the ONTOLOGY.
public enum RelationType: String, Sendable, Codable, CaseIterable, Hashable {
    case leads
    case memberOf = "member_of"
    case belongsTo = "belongs_to"
    case funds
}
