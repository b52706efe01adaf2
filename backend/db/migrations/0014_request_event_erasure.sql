-- request_events stays append-only with one exception: a fan's right to erasure. The only UPDATE
-- allowed sets `answers` to {} and `fanName` to null in an event's payload and changes nothing else.
CREATE OR REPLACE FUNCTION request_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.payload = OLD.payload || '{"answers": {}, "fanName": null}'::jsonb
     AND (to_jsonb(NEW) - 'payload') = (to_jsonb(OLD) - 'payload') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'request_events is append-only: % refused', TG_OP;
END;
$$;
