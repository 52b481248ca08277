#pragma once
/// Just enough XML for the replies of S3 and Azure Blob (ListBucketResult,
/// EnumerationResults, Error, InitiateMultipartUploadResult...): the contents of elements
/// by tag name, with the five predefined entities and numeric references decoded. Not a
/// general XML parser: no namespaces prefixes, attributes or CDATA are interpreted.
///
///     for (std::string_view item : XmlElements(body, "Contents"))
///       keys.push_back(XmlText(item, "Key"));

#include <string>
#include <string_view>
#include <vector>

namespace ferry::storage {

/// The raw contents of every `<tag>...</tag>` (or `<tag attr=...>`) in `xml`, in order;
/// `<tag/>` gives an empty one.
std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view tag);

/// The decoded text of the first `<tag>` in `xml`, or "" when there is none.
std::string XmlText(std::string_view xml, std::string_view tag);

/// `text` with &amp; &lt; &gt; &quot; &apos; and &#N; / &#xH; decoded.
std::string XmlDecode(std::string_view text);

/// `text` with & < > " ' escaped, for building request bodies.
std::string XmlEncode(std::string_view text);

}  // namespace ferry::storage
