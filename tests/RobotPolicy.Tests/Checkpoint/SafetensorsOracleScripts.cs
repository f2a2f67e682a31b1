namespace RobotPolicy.Tests.Checkpoint;

/// <summary>
/// Python (standard library only) implementations of the safetensors layout, written from the published spec,
/// that the C# reader and writer are checked against. There is no safetensors package on the test machines,
/// and an independent implementation is the point: it catches misreadings of the spec that a round trip through
/// our own code would hide.
/// </summary>
internal static class SafetensorsOracleScripts
{
    /// <summary>argv[1]: output path. Writes F32, F64, F16, BF16 and I64 tensors plus metadata, byte by byte.</summary>
    public const string WriteFile = """
        import json, struct, sys

        path = sys.argv[1]
        header = {"__metadata__": {"format": "pt", "written_by": "python oracle"}}
        chunks = []
        offset = 0

        def add(name, dtype, shape, raw):
            global offset
            header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
            chunks.append(raw)
            offset += len(raw)

        def bf16(value):
            # bfloat16 is the upper 16 bits of the float32 encoding.
            return struct.pack("<H", struct.unpack("<I", struct.pack("<f", value))[0] >> 16)

        add("policy.fc.weight", "F32", [2, 3], struct.pack("<6f", *[i * 0.25 - 1.0 for i in range(6)]))
        add("policy.fc.bias", "F64", [3], struct.pack("<3d", 1.0 / 3.0, -2.5e-10, 12345.678))
        add("half", "F16", [2, 2], struct.pack("<4e", 0.5, -1.5, 65504.0, 2.0 ** -14))
        add("bf16", "BF16", [4], b"".join(bf16(v) for v in [1.0, -2.0, 3.140625, 0.0078125]))
        add("step", "I64", [], struct.pack("<q", 1200))

        text = json.dumps(header, separators=(",", ":")).encode("utf-8")
        text += b" " * ((8 - len(text) % 8) % 8)
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
        """;

    /// <summary>
    /// argv[1]: file to check; stdin: {"metadata": {...}, "tensors": [{"name", "shape", "bits"}]} where bits are the
    /// float32 encodings as unsigned integers (so NaN payloads and -0 compare exactly). Prints "ok" or exits 1 with the reason.
    /// </summary>
    public const string CheckFile = """
        import json, struct, sys

        def fail(message):
            print(message, file=sys.stderr)
            sys.exit(1)

        expected = json.load(sys.stdin)
        data = open(sys.argv[1], "rb").read()
        if len(data) < 8:
            fail(f"file is {len(data)} bytes")
        (n,) = struct.unpack_from("<Q", data, 0)
        if n % 8 != 0:
            fail(f"header length {n} is not a multiple of 8")
        text = data[8:8 + n].decode("utf-8")
        if len(text) - len(text.rstrip(" ")) >= 8:
            fail("header has more space padding than alignment needs")
        # Pairs rather than dicts, so that key order and duplicate keys are visible.
        pairs = json.loads(text, object_pairs_hook=lambda p: p)
        keys = [k for k, _ in pairs]
        for key, value in [("<header>", pairs)] + pairs:
            if len({k for k, _ in value}) != len(value):
                fail(f"duplicate keys in {key}: {[k for k, _ in value]}")
        entries = {k: dict(v) for k, v in pairs}
        metadata = entries.pop("__metadata__", {})
        if expected["metadata"] and keys[0] != "__metadata__":
            fail(f"__metadata__ is not the first header entry: {keys}")
        if metadata != expected["metadata"]:
            fail(f"metadata {metadata} != {expected['metadata']}")
        names = [k for k in keys if k != "__metadata__"]
        if names != [t["name"] for t in expected["tensors"]]:
            fail(f"tensor order {names}")

        buffer = data[8 + n:]
        position = 0
        for name, entry in sorted(entries.items(), key=lambda e: e[1]["data_offsets"]):
            begin, end = entry["data_offsets"]
            if begin != position:
                fail(f"{name}: begins at {begin}, expected {position}")
            position = end
        if position != len(buffer):
            fail(f"tensors cover {position} of {len(buffer)} buffer bytes")

        for tensor in expected["tensors"]:
            entry = entries[tensor["name"]]
            if sorted(entry) != ["data_offsets", "dtype", "shape"]:
                fail(f"{tensor['name']}: fields {sorted(entry)}")
            if entry["dtype"] != "F32" or entry["shape"] != tensor["shape"]:
                fail(f"{tensor['name']}: {entry['dtype']} {entry['shape']}")
            count = 1
            for d in entry["shape"]:
                count *= d
            begin, end = entry["data_offsets"]
            if end - begin != 4 * count:
                fail(f"{tensor['name']}: {end - begin} bytes for {count} floats")
            bits = list(struct.unpack_from(f"<{count}I", buffer, begin))
            if bits != tensor["bits"]:
                fail(f"{tensor['name']}: values differ: {bits} != {tensor['bits']}")
        print("ok")
        """;
}
