-- wrk script for `make bench` (benchmarks/bench.py): one page, signed in as its persona.
-- Everything comes from the environment: BENCH_METHOD, BENCH_PATH, BENCH_BODY (with "{uuid}"
-- replaced by a fresh submission key per request), BENCH_COOKIE (session and CSRF cookies),
-- BENCH_CSRF (the X-CSRFToken header), BENCH_HTMX ("1": an htmx request).
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""
local htmx = os.getenv("BENCH_HTMX") == "1"

local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

local function uuid()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-a%03x-%06x%06x", math.random(0, 0x7fffffff), id or 0,
    math.random(0, 0xfff), math.random(0, 0xfff), counter % 0xffffff, math.random(0, 0xffffff))
end

function request()
  local headers = {}
  if cookie ~= "" then headers["Cookie"] = cookie end
  if htmx then headers["HX-Request"] = "true" end
  if method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["X-CSRFToken"] = csrf
  end
  return wrk.format(method, path, headers, (body:gsub("{uuid}", uuid)))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d bad_status=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
