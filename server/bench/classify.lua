-- wrk script: POST one short text per request to /v1/classify, cycling through refusals and answers.
-- wrk -t2 -c8 -d15s --timeout 30s -s "$PWD/server/bench/classify.lua" http://127.0.0.1:18080  (an absolute path: wrk did not find a relative one)
local texts = {
  "I'm sorry, but I can't help with that request.",
  "Sure! Here is a short summary of the article: the city council approved the new budget on Tuesday.",
  "As an AI language model, I cannot provide medical advice. Please consult a doctor.",
  "The capital of France is Paris, which is also its largest city.",
}
local i = 0

request = function()
  i = i + 1
  local body = '{"text": "' .. texts[(i % #texts) + 1] .. '"}'
  return wrk.format("POST", "/v1/classify", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
