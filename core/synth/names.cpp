#include "core/synth/names.hpp"

#include <array>

namespace ferry::synth {

namespace {

constexpr std::array kTowns = {
    Town{"Boston", "Suffolk County", "25025", "02108", 42360100, -71058900},
    Town{"Worcester", "Worcester County", "25027", "01608", 42262600, -71802300},
    Town{"Springfield", "Hampden County", "25013", "01103", 42101500, -72589800},
    Town{"Cambridge", "Middlesex County", "25017", "02139", 42373600, -71109700},
    Town{"Lowell", "Middlesex County", "25017", "01852", 42633400, -71316200},
    Town{"Quincy", "Norfolk County", "25021", "02169", 42252900, -71002300},
    Town{"Plymouth", "Plymouth County", "25023", "02360", 41958400, -70667300},
    Town{"Pittsfield", "Berkshire County", "25003", "01201", 42450100, -73245400},
    Town{"Barnstable", "Barnstable County", "25001", "02630", 41700300, -70300200},
    Town{"Salem", "Essex County", "25009", "01970", 42519500, -70896700},
    Town{"Northampton", "Hampshire County", "25015", "01060", 42325100, -72641200},
    Town{"Greenfield", "Franklin County", "25011", "01301", 42587600, -72599500},
    Town{"Fall River", "Bristol County", "25005", "02720", 41701500, -71155000},
};

constexpr std::array<std::string_view, 30> kMaleFirst = {
    "James",  "John",    "Robert", "Michael", "William",  "David",  "Richard", "Joseph",
    "Thomas", "Charles", "Daniel", "Matthew", "Anthony",  "Mark",   "Steven",  "Paul",
    "Andrew", "Joshua",  "Kevin",  "Brian",   "George",   "Edward", "Ronald",  "Timothy",
    "Jason",  "Jeffrey", "Ryan",   "Jacob",   "Nicholas", "Eric"};

constexpr std::array<std::string_view, 30> kFemaleFirst = {
    "Mary",    "Patricia", "Jennifer", "Linda",   "Elizabeth", "Barbara",  "Susan",   "Jessica",
    "Sarah",   "Karen",    "Lisa",     "Nancy",   "Betty",     "Margaret", "Sandra",  "Ashley",
    "Emily",   "Donna",    "Michelle", "Carol",   "Amanda",    "Melissa",  "Deborah", "Stephanie",
    "Rebecca", "Laura",    "Sharon",   "Cynthia", "Kathleen",  "Amy"};

constexpr std::array<std::string_view, 40> kLast = {
    "Abernathy", "Bartoletti", "Cummerata",    "Dickens", "Ernser",        "Feeney",
    "Gislason",  "Hackett",    "Jakubowski",   "Kuhlman", "Langworth",     "Medhurst",
    "Nikolaus",  "Okuneva",    "Pfannerstill", "Quigley", "Runolfsdottir", "Schowalter",
    "Tromp",     "Upton",      "VonRueden",    "Wuckert", "Yundt",         "Zboncak",
    "Armstrong", "Bednar",     "Conroy",       "Durgan",  "Emard",         "Fritsch",
    "Goodwin",   "Heller",     "Kertzmann",    "Lockman", "Mosciski",      "Nolan",
    "Osinski",   "Prosacco",   "Reichert",     "Simonis"};

constexpr std::array<std::string_view, 24> kStreets = {
    "Abbott",    "Bechtelar", "Cassin",   "Dooley", "Ebert", "Fadel", "Gerhold", "Hirthe",
    "Jaskolski", "Kessler",   "Lindgren", "Marvin", "Nader", "Orn",   "Pagac",   "Rath",
    "Sauer",     "Towne",     "Veum",     "Walsh",  "Will",  "Yost",  "Zemlak",  "Bayer"};

constexpr std::array<std::string_view, 10> kStreetSuffixes = {
    "Street", "Avenue", "Road", "Lane", "Way", "Landing", "Crossing", "Gardens", "Mill", "Corner"};

constexpr std::array<std::string_view, 6> kRaces = {"white",  "black",    "asian",
                                                    "native", "hawaiian", "other"};

constexpr std::array<std::string_view, 8> kPayers = {
    "Medicare",     "Medicaid", "Blue Cross Blue Shield", "Aetna",
    "Cigna Health", "Humana",   "UnitedHealthcare",       "NO_INSURANCE"};

}  // namespace

std::span<const Town> Towns() { return kTowns; }
std::span<const std::string_view> MaleFirstNames() { return kMaleFirst; }
std::span<const std::string_view> FemaleFirstNames() { return kFemaleFirst; }
std::span<const std::string_view> LastNames() { return kLast; }
std::span<const std::string_view> StreetNames() { return kStreets; }
std::span<const std::string_view> StreetSuffixes() { return kStreetSuffixes; }
std::span<const std::string_view> Races() { return kRaces; }
std::span<const std::string_view> PayerNames() { return kPayers; }

}  // namespace ferry::synth
