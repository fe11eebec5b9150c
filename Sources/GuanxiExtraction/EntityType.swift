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
