-- wrk script for the /users benchmark. Environment:
--   BENCH_OP     get | list | search | create | patch | mixed (60% get, 15% list, 5% search,
--                10% create, 10% patch: 80% reads)
--   BENCH_STYLE  generated (the svc-infra routes, also served by the raw baseline and the Spring
--                Data JDBC peer) | spring-rest (Spring Data REST's paging and search routes)
--   BENCH_IDS    file with one live user id per line
--   BENCH_RUN    a token unique to this wrk run, so created emails never collide
--   BENCH_COUNT  optional: exact | planned | none, sent as ?count= on list pages (generated
--                style only; without it each system uses its own default)
-- done() prints one JSON line (prefixed "RESULT ") with throughput, latency and error counts.

local op = os.getenv("BENCH_OP") or "get"
local style = os.getenv("BENCH_STYLE") or "generated"
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local count = os.getenv("BENCH_COUNT")
local count_param = (count and count ~= "") and ("&count=" .. count) or ""
local terms = { "ann", "smith", "kofi", "user123", "nakamura", "vera", "example", "lopez" }
local ids = {}
local counter = 0

for line in io.lines(os.getenv("BENCH_IDS")) do
  ids[#ids + 1] = line
end
math.randomseed(os.time())

-- Every request says it accepts JSON, as API clients do (Spring Data REST answers POST and PATCH
-- with a body only when asked).
local accept = { ["Accept"] = "application/json" }
local json = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

local function any_id()
  return ids[math.random(#ids)]
end

local function term()
  return terms[math.random(#terms)]
end

local builders = {}

builders.get = function()
  return wrk.format("GET", "/users/" .. any_id(), accept)
end

builders.list = function()
  if style == "spring-rest" then
    return wrk.format("GET", "/users?page=0&size=20&sort=createdAt,desc", accept)
  end
  return wrk.format("GET", "/users?limit=20&order_by=-created_at" .. count_param, accept)
end

builders.search = function()
  local t = term()
  if style == "spring-rest" then
    return wrk.format("GET", "/users/search/q?name=" .. t .. "&email=" .. t
      .. "&page=0&size=20&sort=createdAt,desc", accept)
  end
  return wrk.format("GET", "/users?limit=20&order_by=-created_at&q=" .. t, accept)
end

builders.create = function()
  counter = counter + 1
  local body = '{"email":"new-' .. run .. '-' .. counter .. '@example.com","name":"New User '
    .. counter .. '"}'
  return wrk.format("POST", "/users", json, body)
end

builders.patch = function()
  counter = counter + 1
  return wrk.format("PATCH", "/users/" .. any_id(), json, '{"name":"Patched ' .. counter .. '"}')
end

local mixed = {}
for _ = 1, 60 do mixed[#mixed + 1] = builders.get end
for _ = 1, 15 do mixed[#mixed + 1] = builders.list end
for _ = 1, 5 do mixed[#mixed + 1] = builders.search end
for _ = 1, 10 do mixed[#mixed + 1] = builders.create end
for _ = 1, 10 do mixed[#mixed + 1] = builders.patch end

if op == "mixed" then
  request = function() return mixed[math.random(#mixed)]() end
else
  local build = builders[op]
  if build == nil then error("unknown BENCH_OP " .. op) end
  request = build
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests":%d,"duration_s":%.3f,"rps":%.1f,'
    .. '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"mean_ms":%.3f,"max_ms":%.3f,'
    .. '"errors_status":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,'
    .. '"errors_timeout":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
