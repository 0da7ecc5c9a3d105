-- A little production data, so the demo migrates a table that has rows.
INSERT INTO public.users (id, phone_number, name)
VALUES ('11111111-1111-1111-1111-111111111111', '+573001234567', 'Ana');
INSERT INTO public.conversations (id, user_id, wa_conversation_id)
VALUES ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111', 'wa-conv-1');
INSERT INTO public.messages_v2 (conversation_id, direction, type, content, wa_message_id)
VALUES ('22222222-2222-2222-2222-222222222222', 'inbound', 'audio', 'voice note', 'wamid.1'),
       ('22222222-2222-2222-2222-222222222222', 'outbound', 'text', 'hola', 'wamid.2');
