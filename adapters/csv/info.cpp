#include "adapters/csv/info.hpp"

#include "adapters/csv/csv_source.hpp"

namespace ferry::csv {

const AdapterInfo kInfo = {
    .name = "csv",
    .summary = "CSV exports (RFC 4180 with a header row), one file per table",
    .shape = RecordShape::kRows,
    .source_keys =
        {
            {"path", KeyType::kPath, true, "", "directory that holds the CSV files"},
            {"delimiter", KeyType::kChar, false, ",", "field separator: one character"},
            {"encoding", KeyType::kString, false, "utf-8",
             "text encoding; only utf-8 is supported"},
            {"files", KeyType::kStringMap, false, "",
             "file for a stream when it is not <stream>.csv, relative to path"},
        },
    .target_keys = {},
    .open_source = &OpenSource,
    .open_sink = nullptr,
};

}  // namespace ferry::csv
