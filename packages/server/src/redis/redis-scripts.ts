// The Lua scripts of the Redis backend. Each runs atomically in Redis, so an append (offset bump, XADD
// with its cap, trimming, expiry, dedupe record, publish) is one step that no other process can
// interleave with: two processes appending to one inbox still produce contiguous offsets, published in
// offset order. Numbers are written with %.0f: Lua 5.1 prints large numbers in exponent form otherwise.

/** Shared helpers, prepended to the scripts that use them. */
const HELPERS = `
local function num(n) return string.format('%.0f', n) end
local function offsetOf(id) return tonumber(string.match(id, '^(%d+)')) end
-- The store's generation (created when missing: Redis lost everything).
local function generationOf(genKey, candidate)
  local g = redis.call('GET', genKey)
  if not g then
    redis.call('SET', genKey, candidate)
    g = candidate
  end
  return g
end
-- The inbox's epoch and last offset. A missing meta is a lost (or never written) history, and a meta of
-- another generation may be a rolled-back one (Redis restored an older snapshot): either way a new epoch,
-- and whatever is left of the old stream goes, so offsets restart at 1 under the new epoch.
local function meta(metaKey, streamKey, newEpoch, genKey)
  local gen = generationOf(genKey, newEpoch)
  local m = redis.call('HMGET', metaKey, 'e', 'l', 't', 'g')
  if not m[1] or m[4] ~= gen then
    redis.call('DEL', streamKey)
    redis.call('HSET', metaKey, 'e', newEpoch, 'l', 0, 't', 0, 'g', gen)
    return newEpoch, 0, 0
  end
  return m[1], tonumber(m[2]) or 0, tonumber(m[3]) or 0
end
-- Drops the events stored at or before cutoff (their time is field 't', the first field). The oldest
-- event alone is read first: on almost every call it is young enough and nothing else is looked at.
local function trimByAge(streamKey, cutoff)
  local count = 1
  while true do
    local head = redis.call('XRANGE', streamKey, '-', '+', 'COUNT', count)
    if #head == 0 then return end
    for _, entry in ipairs(head) do
      if tonumber(entry[2][2]) > cutoff then
        if entry ~= head[1] or count > 1 then redis.call('XTRIM', streamKey, 'MINID', entry[1]) end
        return
      end
    end
    redis.call('XTRIM', streamKey, 'MINID', num(offsetOf(head[#head][1]) + 1) .. '-0')
    count = 64
  end
end
`

/**
 * Appends a message to its receiver's inbox, unless its send id was used by the same sender within the
 * dedupe window. KEYS: meta, inbox, sent, sent-at, generation, clock. ARGV: message JSON, message id,
 * send id ('' = none), now, maxEvents, maxAgeMs, dedupeWindowMs, dedupeMaxPerSender, a new epoch (used
 * when the inbox has none), the receiver's route channel, key TTL ms. Returns `{1, record}` for a
 * duplicate, else `{0, epoch, offset, clock}`: clock counts every append ever stored (a process that
 * later reads a smaller one knows Redis went back to an older snapshot).
 */
export const APPEND_SCRIPT = `${HELPERS}
local now = tonumber(ARGV[4])
local sendId = ARGV[3]
local window = tonumber(ARGV[7])
if sendId ~= '' then
  local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', num(now - window))
  if #old > 0 then
    redis.call('ZREM', KEYS[4], unpack(old))
    redis.call('HDEL', KEYS[3], unpack(old))
  end
  local seen = redis.call('HGET', KEYS[3], sendId)
  if seen then return {1, seen} end
end
local epoch, last, lastT = meta(KEYS[1], KEYS[2], ARGV[9], KEYS[5])
-- Times never go back within an inbox, whichever process clock stored them: age trimming cuts a prefix.
local t = now
if t < lastT then t = lastT end
local offset = last + 1
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[5], num(offset) .. '-0', 't', num(t), 'i', ARGV[2], 'm', ARGV[1])
redis.call('HSET', KEYS[1], 'l', num(offset), 't', num(t))
trimByAge(KEYS[2], now - tonumber(ARGV[6]))
redis.call('PEXPIRE', KEYS[1], ARGV[11])
redis.call('PEXPIRE', KEYS[2], ARGV[11])
if sendId ~= '' then
  local record = '{"epoch":"' .. epoch .. '","offset":' .. num(offset) .. ',"message":' .. ARGV[1] .. '}'
  redis.call('HSET', KEYS[3], sendId, record)
  redis.call('ZADD', KEYS[4], num(now), sendId)
  local extra = redis.call('ZCARD', KEYS[4]) - tonumber(ARGV[8])
  if extra > 0 then
    local popped = redis.call('ZPOPMIN', KEYS[4], extra)
    for i = 1, #popped, 2 do redis.call('HDEL', KEYS[3], popped[i]) end
  end
  redis.call('PEXPIRE', KEYS[3], ARGV[11])
  redis.call('PEXPIRE', KEYS[4], ARGV[11])
end
redis.call('PUBLISH', ARGV[10], epoch .. ' ' .. num(offset) .. ' {"type":"message","message":' .. ARGV[1] .. ',"offset":' .. num(offset) .. '}')
return {0, epoch, offset, redis.call('INCR', KEYS[6])}
`

/**
 * Reads an inbox after an offset. KEYS: meta, inbox, generation. ARGV: after, limit, now, maxAgeMs, a new epoch.
 * Returns `{epoch, last, first, offset1, message1, offset2, message2, …}`.
 */
export const READ_SCRIPT = `${HELPERS}
local epoch, last = meta(KEYS[1], KEYS[2], ARGV[5], KEYS[3])
trimByAge(KEYS[2], tonumber(ARGV[3]) - tonumber(ARGV[4]))
local first = last + 1
local head = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if #head > 0 then first = offsetOf(head[1][1]) end
local out = {epoch, last, first}
local limit = tonumber(ARGV[2])
if limit > 0 then
  local from = tonumber(ARGV[1])
  if from > last then from = last end
  local entries = redis.call('XRANGE', KEYS[2], '(' .. num(from) .. '-0', '+', 'COUNT', limit)
  for _, entry in ipairs(entries) do
    out[#out + 1] = offsetOf(entry[1])
    out[#out + 1] = entry[2][6]
  end
end
return out
`

/** The offset of a kept message id, newest first. KEYS: meta, inbox, generation. ARGV: message id, now, maxAgeMs. */
export const FIND_SCRIPT = `${HELPERS}
local g = redis.call('HGET', KEYS[1], 'g')
if not g or g ~= redis.call('GET', KEYS[3]) then return false end
trimByAge(KEYS[2], tonumber(ARGV[2]) - tonumber(ARGV[3]))
local last = '+'
while true do
  local batch = redis.call('XREVRANGE', KEYS[2], last, '-', 'COUNT', 100)
  if #batch == 0 then return false end
  for _, entry in ipairs(batch) do
    if entry[2][4] == ARGV[1] then return offsetOf(entry[1]) end
  end
  local oldest = offsetOf(batch[#batch][1])
  if oldest <= 1 then return false end
  last = '(' .. num(oldest) .. '-0'
end
`

/** Creates a user unless they exist; returns the stored name. KEYS: users. ARGV: uid, name. */
export const ENSURE_USER_SCRIPT = `
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HGET', KEYS[1], ARGV[1])
`

/** Presence helpers: a process joins or leaves a user; the first join and the last leave publish. */
const PRESENCE = `
local function num(n) return string.format('%.0f', n) end
-- KEYS layout shared by the presence scripts: [1] online-n, [2] online-user, [3] online-at, [4] presence-seq
local function join(procKey, uid, userJson, at, channel)
  if redis.call('SADD', procKey, uid) == 0 then return 0 end
  if redis.call('HINCRBY', KEYS[1], uid, 1) ~= 1 then return 0 end
  redis.call('HSET', KEYS[2], uid, userJson)
  redis.call('HSET', KEYS[3], uid, at)
  local seq = redis.call('INCR', KEYS[4])
  redis.call('PUBLISH', channel, '{"seq":' .. num(seq) .. ',"status":"online","user":' .. userJson .. ',"at":' .. at .. '}')
  return seq
end
local function leave(procKey, uid, at, channel)
  if redis.call('SREM', procKey, uid) == 0 then return 0 end
  if redis.call('HINCRBY', KEYS[1], uid, -1) > 0 then return 0 end
  local userJson = redis.call('HGET', KEYS[2], uid) or ('{"uid":' .. cjson.encode(uid) .. ',"name":' .. cjson.encode(uid) .. '}')
  redis.call('HDEL', KEYS[1], uid)
  redis.call('HDEL', KEYS[2], uid)
  redis.call('HDEL', KEYS[3], uid)
  local seq = redis.call('INCR', KEYS[4])
  redis.call('PUBLISH', channel, '{"seq":' .. num(seq) .. ',"status":"offline","user":' .. userJson .. ',"at":' .. at .. '}')
  return seq
end
local function redisNow()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`

/** KEYS: online-n, online-user, online-at, presence-seq, proc:<id>. ARGV: uid, user JSON, at, channel. Returns the change's seq or 0. */
export const JOIN_SCRIPT = `${PRESENCE}
return join(KEYS[5], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`

/** KEYS: online-n, online-user, online-at, presence-seq, proc:<id>. ARGV: uid, at, channel. Returns the change's seq or 0. */
export const LEAVE_SCRIPT = `${PRESENCE}
return leave(KEYS[5], ARGV[1], ARGV[2], ARGV[3])
`

/**
 * A process's heartbeat, with a full reconcile of its users when asked. KEYS: online-n, online-user,
 * online-at, presence-seq, proc:<id>, procs, generation, clock. ARGV: process id, ttl ms, a new
 * generation, channel, at, reconcile ('1' or '0'), then uid and user JSON pairs (the process's users,
 * when reconciling). Returns `{known, generation, clock}`: known = 0 when the process had been swept (or
 * was new); clock is the append counter (see the append script).
 */
export const HEARTBEAT_SCRIPT = `${PRESENCE}
local known = redis.call('ZSCORE', KEYS[6], ARGV[1]) and 1 or 0
redis.call('ZADD', KEYS[6], num(redisNow() + tonumber(ARGV[2])), ARGV[1])
local generation = redis.call('GET', KEYS[7])
if not generation then
  redis.call('SET', KEYS[7], ARGV[3])
  generation = ARGV[3]
end
if ARGV[6] == '1' then
  local wanted = {}
  for i = 7, #ARGV, 2 do
    wanted[ARGV[i]] = true
    join(KEYS[5], ARGV[i], ARGV[i + 1], ARGV[5], ARGV[4])
  end
  for _, uid in ipairs(redis.call('SMEMBERS', KEYS[5])) do
    if not wanted[uid] then leave(KEYS[5], uid, ARGV[5], ARGV[4]) end
  end
end
redis.call('PEXPIRE', KEYS[5], num(tonumber(ARGV[2]) * 3))
return {known, generation, tonumber(redis.call('GET', KEYS[8]) or '0')}
`

/**
 * Replaces the generation when it is still \`old\` (the first process to see a rollback does it; the others
 * then see the new one). KEYS: generation. ARGV: old, new. Returns the generation now.
 */
export const NEW_GENERATION_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) end
return redis.call('GET', KEYS[1])
`

/**
 * Takes every process whose heartbeat expired out of presence: its users leave (and go offline unless
 * another process has them). KEYS: online-n, online-user, online-at, presence-seq, procs. ARGV: the
 * prefix of proc keys, channel, at. Returns how many processes were swept.
 */
export const SWEEP_SCRIPT = `${PRESENCE}
local dead = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', num(redisNow()))
for _, proc in ipairs(dead) do
  local procKey = ARGV[1] .. proc
  for _, uid in ipairs(redis.call('SMEMBERS', procKey)) do leave(procKey, uid, ARGV[3], ARGV[2]) end
  redis.call('DEL', procKey)
  redis.call('ZREM', KEYS[5], proc)
end
return #dead
`
