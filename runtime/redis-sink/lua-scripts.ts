/**
 * The two Lua scripts the sink runs. Each runs atomically inside Redis, so a batch is either
 * applied whole (values + offset) or not at all. Protocol: runtime/redis-sink/README.md › Lua protocol.
 */

/**
 * CLAIM — KEYS[1] topic state hash; ARGV[1] a fresh generation id.
 * Creates the generation when missing (Redis lost data: offsets are gone, so the topic is rebuilt
 * from the beginning), takes the next fencing epoch, and returns the state.
 * Returns { generation, created (0|1), epoch, [field, value, ...] of the state hash }.
 */
export const CLAIM_SCRIPT = `
local gen = redis.call('HGET', KEYS[1], 'gen')
local created = 0
if not gen then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'gen', ARGV[1])
  gen = ARGV[1]
  created = 1
end
local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
return {gen, created, epoch, redis.call('HGETALL', KEYS[1])}
`;

/**
 * APPLY — one batch of one (topic, partition), records in increasing offset order.
 *   KEYS[1] topic state hash, KEYS[2] dead-letter list, KEYS[3..] the feature key of each value record
 *   ARGV[1] generation, ARGV[2] epoch, ARGV[3] partition, ARGV[4] prev = the offset this batch
 *   follows (the reader's start position - 1, or the previous batch's last offset),
 *   ARGV[5] F = feature count, ARGV[6..5+F] feature names, ARGV[6+F] dead-letter cap,
 *   then the records from ARGV[7+F]:
 *     'v', offset, as_of_ms, window_start_ms ('' = none), expire_at_ms ('0' = no expiry), null mask (F chars, '1' = null), F values
 *     'b', offset, text   (a record that could not be decoded: kept in the dead-letter list)
 * Returns {'ok', last_offset, applied, duplicate, stale, bad}, or a refusal that writes nothing:
 *   {'gen', stored}    the generation differs (Redis lost data, or it was rebuilt meanwhile)
 *   {'fenced', stored} a newer instance claimed the topic
 *   {'gap', stored}    the stored offset is below prev: an earlier batch of ours failed, so
 *                      applying this one would skip records; the reader must re-position.
 *
 * Pass 1 only reads (so a WRONGTYPE error aborts before any write); pass 2 writes. A record at or
 * below the stored offset is a duplicate; a record older (as_of) than the stored value is stale.
 * Within a batch only the last write per key is executed: every write replaces all of the hash.
 */
export const APPLY_SCRIPT = `
local state = redis.call('HMGET', KEYS[1], 'gen', 'epoch', 'offset:' .. ARGV[3])
if state[1] ~= ARGV[1] then return {'gen', state[1] or ''} end
if state[2] ~= ARGV[2] then return {'fenced', state[2] or ''} end
local stored = tonumber(state[3] or '-1')
if stored < tonumber(ARGV[4]) then return {'gap', stored} end
local nf = tonumber(ARGV[5])
local cap = tonumber(ARGV[6 + nf])
local last = stored
local applied, dup, stale, bad = 0, 0, 0, 0
local plan = {}
local asOfByKey = {}
local lastWrite = {}
local keyOf = {}
local i = 7 + nf
local k = 3
while i <= #ARGV do
  local kind = ARGV[i]
  local offset = tonumber(ARGV[i + 1])
  if kind == 'v' then
    local key = KEYS[k]
    if offset <= last then
      dup = dup + 1
    else
      last = offset
      local asOf = tonumber(ARGV[i + 2])
      local cur = asOfByKey[key]
      if cur == nil then
        local raw = redis.call('HGET', key, '__as_of_ms')
        if raw then cur = tonumber(raw) else cur = false end
      end
      if cur and asOf < cur then
        stale = stale + 1
        asOfByKey[key] = cur
      else
        asOfByKey[key] = asOf
        plan[#plan + 1] = i
        keyOf[i] = key
        lastWrite[key] = i
        applied = applied + 1
      end
    end
    i = i + 6 + nf
    k = k + 1
  else
    if offset <= last then
      dup = dup + 1
    else
      last = offset
      if bad == 0 then redis.call('LLEN', KEYS[2]) end
      bad = bad + 1
      plan[#plan + 1] = -i
    end
    i = i + 3
  end
end
for p = 1, #plan do
  local ai = plan[p]
  if ai < 0 then
    ai = -ai
    redis.call('LPUSH', KEYS[2], ARGV[ai + 1] .. ' ' .. ARGV[ai + 2])
  else
    local key = keyOf[ai]
    if lastWrite[key] == ai then
      local mask = ARGV[ai + 5]
      local hset = {key, '__as_of_ms', ARGV[ai + 2]}
      local hdel = {key}
      if ARGV[ai + 3] == '' then hdel[#hdel + 1] = '__window_start_ms' else
        hset[#hset + 1] = '__window_start_ms'
        hset[#hset + 1] = ARGV[ai + 3]
      end
      for f = 1, nf do
        if string.byte(mask, f) == 49 then
          hdel[#hdel + 1] = ARGV[5 + f]
        else
          hset[#hset + 1] = ARGV[5 + f]
          hset[#hset + 1] = ARGV[ai + 5 + f]
        end
      end
      redis.call('HSET', unpack(hset))
      if #hdel > 1 then redis.call('HDEL', unpack(hdel)) end
      if ARGV[ai + 4] == '0' then redis.call('PERSIST', key) else redis.call('PEXPIREAT', key, ARGV[ai + 4]) end
    end
  end
end
if bad > 0 then redis.call('LTRIM', KEYS[2], 0, cap - 1) end
if last > stored then redis.call('HSET', KEYS[1], 'offset:' .. ARGV[3], string.format('%.0f', last)) end
return {'ok', last, applied, dup, stale, bad}
`;
