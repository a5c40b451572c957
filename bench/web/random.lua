-- wrk script for bench/web/random.sh: each request GETs the citizen page of a citizen picked at
-- random from the references file (lines "SESSION_COOKIE REF", made by references.py), with
-- that session's cookie, as clerks' browsers would; counts every answer that is not 200 and
-- prints one machine-readable line at the end (the same as lookup.lua's).
local threads = {}
local references = os.getenv("REFERENCES") or "references.txt"

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  bad = 0
  pages = {}
  for line in io.lines(references) do
    local cookie, reference = line:match("^(%S+) (%S+)$")
    if cookie then
      table.insert(pages, { path = "/citizens/" .. reference, cookie = "postdesk_session=" .. cookie })
    end
  end
  -- Each thread its own sequence, the same from run to run.
  math.randomseed(20261122 + id)
end

function request()
  local page = pages[math.random(#pages)]
  return wrk.format("GET", page.path, { ["Cookie"] = page.cookie })
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, thread in ipairs(threads) do
    non200 = non200 + thread:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non200=%d "
      .. "socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non200, e.connect + e.read + e.write + e.timeout))
end
