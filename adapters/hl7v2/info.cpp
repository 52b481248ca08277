#include "adapters/hl7v2/info.hpp"

#include "adapters/hl7v2/hl7v2_source.hpp"

namespace ferry::hl7v2 {

const AdapterInfo kInfo = {
    .name = "hl7v2",
    .summary = "HL7 v2 messages (ER7; single, batch or MLLP files), one stream per segment id",
    .shape = RecordShape::kRows,
    .source_keys =
        {
            {"path", KeyType::kPath, true, "",
             "an HL7 v2 file, or a directory of *.hl7, *.txt and *.mllp files"},
        },
    .target_keys = {},
    .open_source = &OpenSource,
    .open_sink = nullptr,
};

}  // namespace ferry::hl7v2
