/// The release of Guanxi this build is.
public enum GuanxiVersion {
    /// The release number, as `guanxi --version` prints it.
    public static let release = "0.2.0"
}
