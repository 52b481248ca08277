#include "adapters/sqlite/info.hpp"

#include "adapters/sqlite/sqlite_sink.hpp"
#include "adapters/sqlite/sqlite_source.hpp"

namespace ferry::sqlite {

const AdapterInfo kInfo = {
    .name = "sqlite",
    .summary = "SQLite: reads tables or queries; writes Ferry's embedded FHIR store (the default)",
    .shape = RecordShape::kRows,
    .source_keys =
        {
            {"path", KeyType::kPath, true, "", "SQLite database file to read (opened read-only)"},
            {"queries", KeyType::kStringMap, false, "",
             "SELECT for a stream, with a stable ORDER BY; default: the table of that name"},
        },
    .target_keys =
        {
            {"path", KeyType::kPath, true, "", "FHIR store file to write (created when absent)"},
        },
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::sqlite
