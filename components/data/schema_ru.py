"""The data contract's descriptions in Russian (the English ones are in ``schema.py``).

Keys: ``"{table}.row"`` (what one row is) and ``"{table}.{column}"`` (what a column means).
"""

SCHEMA_RU: dict[str, str] = {
    "members.row": "государство, когда-либо бывшее участником Договора, членом Организации или наблюдателем в одном из её органов",
    "members.iso3": "Код государства по ISO 3166-1 alpha-3.",
    "members.name_en": "Краткое название на английском.",
    "members.name_ru": "Краткое название на русском.",
    "members.capital_en": "Столица (на английском).",
    "members.capital_lat": "Широта столицы, градусы.",
    "members.capital_lon": "Долгота столицы, градусы.",
    "members.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "membership.row": "одно датированное изменение в отношении государства к Договору или Организации",
    "membership.state": "Государство, которого касается изменение.",
    "membership.date": "Дата изменения (ISO).",
    "membership.date_precision": "Точность даты: day (день), month (месяц; хранится как 1-е число) или year (год; хранится как 1 января).",
    "membership.change": "Что изменилось. Статусы на любую дату вычисляются из этих строк в коде.",
    "membership.body": "Документ или орган: Договор, Организация или Парламентская ассамблея (статусы наблюдателя).",
    "membership.basis": "legal (правовой акт: договор, ратификация или решение совета) или political (политическое заявление).",
    "membership.note": "Краткое фактическое примечание; противоречивые сведения — с источником.",
    "membership.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "events.row": "датированное событие на уровне Организации",
    "events.event_id": "Уникальный краткий идентификатор.",
    "events.date": "Дата (ISO); для периодов — дата начала.",
    "events.date_precision": "Точность даты: day (день), month (месяц; хранится как 1-е число) или year (год; хранится как 1 января).",
    "events.end_date": "Окончание периода (развёртывания, срока полномочий).",
    "events.title": "Что произошло — одной строкой.",
    "events.category": "Тип события.",
    "events.states": "Государства-участники события, ISO3 через ';'.",
    "events.reported_figures": "Цифры в официальной формулировке.",
    "events.note": "Краткое фактическое примечание; противоречивые сведения — с источником.",
    "events.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "exercises.row": "одно учение (или один этап многоэтапного учения)",
    "exercises.exercise_id": "Уникальный краткий идентификатор.",
    "exercises.name": "Официальное английское название, используемое Организацией.",
    "exercises.series": "Регулярная серия, к которой относится учение.",
    "exercises.start_date": "Первый день (ISO).",
    "exercises.end_date": "Последний день (ISO), если сообщается.",
    "exercises.date_precision": "Точность даты: day (день), month (месяц; хранится как 1-е число) или year (год; хранится как 1 января).",
    "exercises.status": "held (проведено), planned (запланировано) или cancelled (отменено).",
    "exercises.host_states": "Принимающие государства, ISO3 через ';'.",
    "exercises.location": "Полигон и ближайший населённый пункт — по сообщениям.",
    "exercises.latitude": "Широта, градусы.",
    "exercises.longitude": "Долгота, градусы.",
    "exercises.location_precision": "На что указывают координаты: полигон (site), ближайший город (town), регион (region) или только страна (country).",
    "exercises.participants": "Государства-участники, ISO3 через ';'.",
    "exercises.personnel": "Численность личного состава по сообщениям.",
    "exercises.force": "Задействованные силы или формирование (напр., CRRF — КСОР).",
    "exercises.aliases": "Другие названия: русские, транслитерации, иные английские варианты.",
    "exercises.note": "Краткое фактическое примечание; противоречивые сведения — с источником.",
    "exercises.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "bodies.row": "один орган, формирование сил или регулярная операция Организации",
    "bodies.body_id": "Уникальный краткий идентификатор.",
    "bodies.name_en": "Официальное английское название, используемое Организацией.",
    "bodies.abbreviation": "Английская аббревиатура, используемая Организацией.",
    "bodies.name_ru": "Название на русском.",
    "bodies.kind": "Место в структуре.",
    "bodies.established": "Дата создания, если подтверждена источником.",
    "bodies.established_precision": "Точность даты: day (день), month (месяц; хранится как 1-е число) или year (год; хранится как 1 января).",
    "bodies.description": "Чем занимается — в одном-двух предложениях.",
    "bodies.aliases": "Другие названия и аббревиатуры (напр., русские).",
    "bodies.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "body_links.row": "одна связь между двумя органами",
    "body_links.from_id": "Подчинённый или подотчётный орган.",
    "body_links.to_id": "Орган, которому он подотчётен, в который входит или которым учреждён.",
    "body_links.relation": "Тип связи.",
    "body_links.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
    "discrepancies.row": "фактическая ошибка, найденная в справочном тексте задания, с исправлением",
    "discrepancies.discrepancy_id": "Уникальный краткий идентификатор.",
    "discrepancies.claim": "Что говорится в справочном тексте.",
    "discrepancies.correction": "Что говорят источники на самом деле.",
    "discrepancies.source_url": "Публичные страницы, откуда взяты сведения строки; несколько — через ' ; '.",
}


def row_meaning(spec_name: str, english: str, lang: str) -> str:
    """What one row of a table is, in the language (English from the contract itself)."""
    return SCHEMA_RU.get(f"{spec_name}.row", english) if lang == "ru" else english


def column_meaning(spec_name: str, column: str, english: str, lang: str) -> str:
    """What a column means, in the language (English from the contract itself)."""
    return SCHEMA_RU.get(f"{spec_name}.{column}", english) if lang == "ru" else english
