-- fix up
  update public.settings set value = 'off';
