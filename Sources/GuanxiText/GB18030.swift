#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 (and so GBK and GB2312) through the system's iconv.
enum GB18030 {
    /// The text of `bytes` as GB18030, or nil when they do not decode cleanly.
    /// The corresponding C functions are `iconv_open` and `iconv`.
    static func decode(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        let cd = iconv_open("UTF-32LE", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return bytes.isEmpty }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return result != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        var scalars: [Unicode.Scalar] = []
        var i = 0
        while i + 3 < output.count {
            let v = UInt32(output[i]) | UInt32(output[i + 1]) << 8 | UInt32(output[i + 2]) << 16 | UInt32(output[i + 3]) << 24
            i += 4
            if v == 0 { break }
            guard let s = Unicode.Scalar(v) else { return nil }
            scalars.append(s)
        }
        return scalars
    }
}
